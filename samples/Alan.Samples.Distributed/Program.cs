// Data-parallel VI on a large synthetic MovieLens-shaped model (docs/distributed.md). Single process:
//   dotnet run -c Release --project samples/Alan.Samples.Distributed -- --users 100000
// Two ranks (each holds half of the users; global particles and gradients are the same on both):
//   mpirun -np 2 dotnet samples/Alan.Samples.Distributed/bin/Release/net10.0/Alan.Samples.Distributed.dll --users 100000
// Options: --users N (100000), --films F per user (10), --k K (3), --iterations I timed (20, after 3 untimed), --seed S (0).
// Rank 0 prints one line: "result: ranks=... ms_per_iteration=... cpu_ms_per_iteration=... elbo=... bytes_per_iteration=...".
using System;
using System.Diagnostics;
using System.Globalization;
using Alan;
using Alan.Distributed;
using Alan.Samples.Distributed;
using TorchSharp;
using static TorchSharp.torch;

int users = 100_000, films = 10, k = 3, iterations = 20, seed = 0;
const int Warmup = 3;
for (int i = 0; i < args.Length; i++)
{
    int Next() => int.Parse(i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value."), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--users": users = Next(); break;
        case "--films": films = Next(); break;
        case "--k": k = Next(); break;
        case "--iterations": iterations = Next(); break;
        case "--seed": seed = Next(); break;
        default: throw new ArgumentException($"Unknown option '{args[i]}': --users, --films, --k, --iterations, --seed.");
    }
}

// One torch thread per rank, and one for the single process it is compared with.
torch.set_num_threads(1);
using var world = MpiCommunicator.LaunchedByMpirun ? MpiCommunicator.World() : null;
var counting = world is null ? null : new CountingCommunicator(world);
int rank = world?.Rank ?? 0, ranks = world?.Size ?? 1;

// The same data on every rank (drawn from the model with a fixed seed), of which each rank keeps its users.
torch.manual_seed(seed);
var allSizes = new TastesProblem.PlateSizes(Users: users, Films: films);
var allInputs = new TastesProblem.Inputs(X: torch.rand(users, films, 18).lt(0.2).to_type(ScalarType.Float32));
var prior = TastesProblem.SamplePrior(allSizes, allInputs);
long first = (long)users * rank / ranks, count = (long)users * (rank + 1) / ranks - first;
var problem = new TastesProblem(
    new TastesProblem.PlateSizes(Users: (int)count, Films: films),
    new TastesProblem.Observations(Rating: prior.Rating.narrow(0, first, count)),
    new TastesProblem.Inputs(X: allInputs.X.narrow(0, first, count)));
ComputationStrategy? strategy = null;
if (counting is not null)
{
    problem.ShardDraws("Users", counting, seed);
    strategy = ComputationStrategy.Sharded("Users", counting);
}

var shared = new Generator(0, CPU).manual_seed(seed + 1);
var adam = torch.optim.Adam(problem.parameters(), lr: 0.05);
double elbo = double.NaN;
long bytesBefore = 0;
var clock = new Stopwatch();
TimeSpan cpuBefore = TimeSpan.Zero;
for (int i = 0; i < Warmup + iterations; i++)
{
    if (i == Warmup)
    {
        bytesBefore = counting?.Bytes ?? 0;
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Start();
    }
    using var scope = NewDisposeScope();
    adam.zero_grad();
    using var sample = problem.Sample(k, generator: shared);
    var estimate = sample.ElboVi(strategy);
    (-estimate).backward();
    adam.step();
    elbo = estimate.item<float>();
}
clock.Stop();

double ms = clock.Elapsed.TotalMilliseconds / iterations;
// CPU time per iteration (this rank's process): what the wall time would be on an otherwise idle core.
double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
long bytes = ((counting?.Bytes ?? 0) - bytesBefore) / iterations;
if (rank == 0)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"result: ranks={ranks} users={users} films={films} K={k} ms_per_iteration={ms:F1} cpu_ms_per_iteration={cpuMs:F1} elbo={elbo:F1} bytes_per_iteration={bytes}"));
return 0;
