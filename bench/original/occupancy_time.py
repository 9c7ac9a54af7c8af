# Times the original alan (github.com/alan-ppl/alan) on the occupancy model, on the sample's data, for the bench's
# reference figures: median ms per iteration (Sample + elbo_rws + Adam step, or Sample + update_qem_params) and peak RSS.
#   ALAN_ORIGINAL=<checkout of alan-ppl/alan> OPT_EINSUM=<checkout of dgasmith/opt_einsum> \
#   OMP_NUM_THREADS=1 /usr/bin/python3 bench/original/occupancy_time.py rws 10 6
# It imports the original's own model file (examples/models/occupancy/occupancy.py); nothing of it is copied here.
import os, sys, time, resource
root = os.environ['ALAN_ORIGINAL']
sys.path[:0] = [os.path.join(root, 'src'), os.environ['OPT_EINSUM'], os.path.join(root, 'examples/models/occupancy')]
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
import occupancy as occ

def csv(path):
    with open(path) as f:
        shape = tuple(int(x) for x in f.readline().split('shape=')[1].split()[0].split('x'))
        return t.tensor(np.loadtxt(f, delimiter=',', dtype=np.int64).reshape(shape))

d = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../samples/Alan.Samples.Occupancy/data/')
names = ('plate_Years', 'plate_Birds', 'plate_Ids')
platesizes = {'plate_Years': 6, 'plate_Birds': 12, 'plate_Ids': 200, 'plate_Replicate': 5}
cov = {'weather': csv(d + 'weather_train_0.csv').float().rename(*names), 'quality': csv(d + 'quality_train_0.csv').float().rename(*names)}
data = {'obs': csv(d + 'birds_train_0.csv').float().rename(*names, 'plate_Replicate')}
method, K, iters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t.manual_seed(0)
prob = occ.generate_problem('cpu', platesizes, data, cov, 'qem' if method == 'qem' else 'opt')
opt = t.optim.Adam(prob.Q.parameters(), lr=0.1, maximize=True) if method != 'qem' else None
times = []
for i in range(iters):
    start = time.perf_counter()
    if method == 'qem':
        sample = prob.sample(K, False)
        sample.update_qem_params(0.1)
    else:
        opt.zero_grad()
        sample = prob.sample(K, False)
        elbo = sample.elbo_rws()
        elbo.backward()
        opt.step()
    times.append((time.perf_counter() - start) * 1000)
print(f"original occupancy {method} K={K}: median {np.median(times):.1f} ms over {iters} (first {times[0]:.0f}), peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f} MB")
