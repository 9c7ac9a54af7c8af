# Times the original alan (github.com/alan-ppl/alan) on a benchmark model, on this repository's copy of its data, for
# the bench's reference figures: median ms per iteration and peak RSS. One iteration is Sample(K) + elbo_vi / elbo_rws
# + Adam step (VI, RWS) or Sample(K) + elbo_nograd + update_qem_params (QEM, as the original's runner; ours returns the
# ELBO from UpdateQemParams), as in bench/Alan.Bench.
#   ALAN_ORIGINAL=<checkout of alan-ppl/alan> OPT_EINSUM=<checkout of dgasmith/opt_einsum> \
#   OMP_NUM_THREADS=1 /usr/bin/python3 bench/original/time_original.py occupancy rws 10 6
# It imports the original's own model files (examples/models/<model>/<model>.py); nothing of them is copied here.
# Data: this repository's CSVs (occupancy, chimpanzees, bus_breakdown); radon and covid load the original's own .pt
# files (the same data our CSVs were converted from) through its load_data_covariates; MovieLens gets synthetic data
# of the bench's shape (450 users x 20 films, 18 features), as the bench's. Covid runs split 20 regions at a time
# (the original's conf_covid.yaml; its runner does not split update_qem_params), as the bench splits ours.
import os, sys, time, resource
model, method, K, iters = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
root = os.environ['ALAN_ORIGINAL']
sys.path[:0] = [os.path.join(root, 'src'), os.environ['OPT_EINSUM'], os.path.join(root, 'examples/models', model)]
import numpy as np, torch as t

# torch 1.13 compatibility: squeeze over a tuple of dims (torch >= 2.0), as the current alan calls it.
_squeeze = t.Tensor.squeeze
def _squeeze_dims(self, *args):
    if len(args) == 1 and isinstance(args[0], tuple):
        for d in sorted(args[0], reverse=True):
            self = _squeeze(self, d)
        return self
    return _squeeze(self, *args)
t.Tensor.squeeze = _squeeze_dims
# torch 1.13 compatibility: functorch.dim's argument arena overflows when stacking the covid timeseries' 109 steps
# (INTERNAL ASSERT allocated_ <= ARENA_MAX_SIZE); stack at most 4 at a time and concatenate those as a tree of at most
# 4 per call, which gives the same tensor.
_stack = t.stack
def _stack_grouped(tensors, dim=0, **kw):
    tensors = list(tensors)
    if len(tensors) <= 4:
        return _stack(tensors, dim, **kw)
    step = -(-len(tensors) // 4)
    return t.cat([_stack_grouped(tensors[i:i + step], dim) for i in range(0, len(tensors), step)], dim)
t.stack = _stack_grouped

def csv(name):
    samples = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../samples')
    folder = {'occupancy': 'Alan.Samples.Occupancy', 'chimpanzees': 'Alan.Samples.Chimpanzees', 'bus_breakdown': 'Alan.Samples.BusBreakdown'}[model]
    with open(os.path.join(samples, folder, 'data', name)) as f:
        shape = tuple(int(x) for x in f.readline().split('shape=')[1].split()[0].split('x'))
        return t.tensor(np.loadtxt(f, delimiter=',', ndmin=2).reshape(shape))

if model == 'occupancy':
    import occupancy as m
    names = ('plate_Years', 'plate_Birds', 'plate_Ids')
    sizes = {'plate_Years': 6, 'plate_Birds': 12, 'plate_Ids': 200, 'plate_Replicate': 5}
    inputs = {'weather': csv('weather_train_0.csv').float().rename(*names), 'quality': csv('quality_train_0.csv').float().rename(*names)}
    data = {'obs': csv('birds_train_0.csv').float().rename(*names, 'plate_Replicate')}
elif model == 'chimpanzees':
    import chimpanzees as m
    names = ('plate_actors', 'plate_blocks', 'plate_repeats')
    sizes = {'plate_actors': 7, 'plate_blocks': 6, 'plate_repeats': 10}
    inputs = {'condition': csv('condition_train.csv').float().rename(*names), 'prosoc_left': csv('prosoc_left_train.csv').float().rename(*names)}
    data = {'obs': csv('data_train.csv').float().rename(*names)}
elif model == 'bus_breakdown':
    import bus_breakdown as m
    names = ('plate_Year', 'plate_Borough', 'plate_ID')
    sizes = {'plate_Year': 2, 'plate_Borough': 3, 'plate_ID': 150}
    inputs = {'run_type': csv('run_type_train_0.csv').float().rename(*names, ...),
              'bus_company_name': csv('bus_company_name_train_0.csv').float().rename(*names, ...)}
    data = {'obs': csv('delay_train_0.csv').rename(*names)}
elif model in ('radon', 'covid'):
    m = __import__(model)
    sizes, _, data, _, inputs, _ = m.load_data_covariates('cpu', 0, os.path.join(root, 'examples/models', model, 'data') + '/')
elif model == 'movielens':
    import movielens as m
    t.manual_seed(0)
    users, films = 450, 20
    sizes = {'plate_1': users, 'plate_2': films}
    x = t.randn(users, films, m.d_z)
    z = t.randn(users, m.d_z)
    inputs = {'x': x.rename('plate_1', 'plate_2', None)}
    data = {'obs': t.distributions.Bernoulli(logits=(x @ z[:, :, None])[..., 0]).sample().rename('plate_1', 'plate_2')}
else:
    raise SystemExit(f'unknown model {model}')
split = {}
if model == 'covid':
    from alan import Split
    split = {'computation_strategy': Split('nRs', 20)}

t.manual_seed(0)
prob = m.generate_problem('cpu', sizes, data, inputs, 'qem' if method == 'qem' else 'opt')
opt = t.optim.Adam(prob.Q.parameters(), lr=0.1, maximize=True) if method != 'qem' else None
times, cpu = [], []
for i in range(iters):
    start, cpu_start = time.perf_counter(), time.process_time()
    if method == 'qem':
        # As the original's runner (examples/basic_runner.py): the ELBO each iteration, then the update.
        sample = prob.sample(K, False)
        elbo = sample.elbo_nograd(**split)
        sample.update_qem_params(0.1)
    else:
        opt.zero_grad()
        sample = prob.sample(K, method == 'vi')
        elbo = sample.elbo_vi(**split) if method == 'vi' else sample.elbo_rws(**split)
        elbo.backward()
        opt.step()
    times.append((time.perf_counter() - start) * 1000)
    cpu.append((time.process_time() - cpu_start) * 1000)
# CPU time per iteration (this process, all threads): on a loaded machine a steadier figure than wall time, as the bench's.
print(f"original {model} {method} K={K}: median {np.median(times):.1f} ms over {iters} (first {times[0]:.0f}), cpu median {np.median(cpu):.1f} ms, "
      f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB")
