using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Calls that used to abort the process or be killed by the kernel, and concurrent use of one problem.
    /// </summary>
    public class RobustUseTests
    {
        private static NestedProblem Nested(ScalarType dtype = ScalarType.Float64)
        {
            torch.manual_seed(7);
            var sizes = new NestedProblem.PlateSizes(States: 3, Zips: 4);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(3, dtype: dtype), Covariates: torch.randn(3, 4, 3, dtype: dtype));
            var prior = NestedProblem.SamplePrior(sizes, inputs, dtype);
            return new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, dtype);
        }

        [Test]
        public void SourceTermMethodsInsideInferenceModeThrowAManagedException()
        {
            // Before: "terminate called after throwing c10::Error: element 0 of tensors does not require grad", exit 134.
            var problem = Nested();
            using var sample = problem.Sample(K: 3);
            using (torch.inference_mode())
            {
                var ex = Assert.Throws<InvalidOperationException>(() => sample.Marginals());
                Assert.That(ex!.Message, Does.Contain("Marginals").And.Contain("inference_mode").And.Contain("ImportanceSample"));
                Assert.Throws<InvalidOperationException>(() => sample.Moments());
                // Importance sampling needs no gradients and works there.
                var draws = sample.ImportanceSample(N: 5);
                Assert.That(draws.StateMean.shape, Is.EqualTo(new long[] { 5, 3 }));
            }
            // And outside, under no_grad, the source-term methods work.
            using (torch.no_grad())
                Assert.That((sample.Marginals().StateMean.sum(0L) - 1).abs().max().item<double>(), Is.LessThan(1e-12));
        }

        [Test]
        public void QemUpdateInsideInferenceModeThrowsAManagedException()
        {
            var problem = new QemIntroProblem(new QemIntroProblem.PlateSizes(P1: 3),
                new QemIntroProblem.Observations(Obs: torch.tensor(new double[] { 0.5, 1.0, 1.5 })), ScalarType.Float64);
            using var sample = problem.Sample(K: 5);
            using (torch.inference_mode())
            {
                var ex = Assert.Throws<InvalidOperationException>(() => sample.UpdateQemParams(0.5));
                Assert.That(ex!.Message, Does.Contain("UpdateQemParams").And.Contain("inference_mode"));
            }
        }

        [Test]
        public void HugeKIsRefusedBeforeAllocatingParticles()
        {
            // Before: killed by the kernel at ~22 GB (a random permutation of K per parent element, K particles per state).
            var problem = Nested(ScalarType.Float32);
            long before = Process.GetCurrentProcess().WorkingSet64;
            var ex = Assert.Throws<InsufficientMemoryException>(() => problem.Sample(int.MaxValue));
            Assert.That(ex!.Message, Does.Contain("NestedProblem.Sample").And.Contain("K = 2147483647").And.Contain("particles of group").And.Contain("GiB"));
            Assert.That(Process.GetCurrentProcess().WorkingSet64 - before, Is.LessThan(1L << 30), "refused before allocating");
        }

        [Test]
        public void HugeKIsRefusedBeforeEvaluatingTheLargestFactor()
        {
            // K = 40000 particles are cheap to draw, but the observation factor holds K^3 x States x Zips elements.
            var problem = Nested(ScalarType.Float32);
            using var sample = problem.Sample(K: 40_000);
            long before = Process.GetCurrentProcess().WorkingSet64;
            var ex = Assert.Throws<InsufficientMemoryException>(() => sample.ElboNoGrad());
            Assert.That(ex!.Message, Does.Contain("NestedProblem.ElboNoGrad").And.Contain("K = 40000").And.Contain("d_Obs")
                .And.Contain("States=3").And.Contain("Zips=4").And.Contain("GiB").And.Contain("Split"));
            Assert.Throws<InsufficientMemoryException>(() => sample.Moments());
            Assert.Throws<InsufficientMemoryException>(() => sample.ImportanceSample(3));
            Assert.That(Process.GetCurrentProcess().WorkingSet64 - before, Is.LessThan(1L << 30), "refused before allocating");
        }

        [Test, NonParallelizable]
        public void ByDefaultACallOverTheMemoryBudgetRunsInChunksWithTheSameValueAndGradients()
        {
            // At K = 40 the observation factor holds K^3 x States x Zips = 768,000 float64 (5.9 MiB) and a call needs
            // about 5 times that (29 MiB): a budget that leaves 22 MiB beyond what the process holds refuses the whole
            // evaluation (ComputationStrategy.Full), and by default the estimator splits a plate of that factor instead
            // (Zips in 2 chunks), with the same value and gradients.
            var problem = Nested();
            using var sample = problem.Sample(K: 40);
            var parameters = problem.QParameters().ToArray();
            double whole = sample.ElboVi().item<double>();
            // Both estimates differentiate through the same reparameterised particles: keep their graph for the second.
            var wholeGrads = torch.autograd.grad(new[] { sample.ElboVi() }, parameters, retain_graph: true).Select(g => g.detach().clone()).ToArray();
            long resident = Process.GetCurrentProcess().WorkingSet64;
            Environment.SetEnvironmentVariable("ALAN_MEMORY_BUDGET", (resident + (22L << 20)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                var ex = Assert.Throws<InsufficientMemoryException>(() => sample.ElboNoGrad(ComputationStrategy.Full));
                Assert.That(ex!.Message, Does.Contain("d_Obs").And.Contain("memory budget (ALAN_MEMORY_BUDGET) of").And.Contain("the process holds"));
                var split = sample.ElboVi();
                Assert.That(split.item<double>(), Is.EqualTo(whole).Within(1e-9));
                var splitGrads = torch.autograd.grad(new[] { split }, parameters);
                for (int i = 0; i < parameters.Length; i++)
                    Assert.That((splitGrads[i] - wholeGrads[i]).abs().max().item<double>(), Is.LessThan(1e-9), $"gradient {i}");
                // A budget no plate's chunks can meet is refused as before, with the reason.
                Environment.SetEnvironmentVariable("ALAN_MEMORY_BUDGET", (resident + (100L << 10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Throws<InsufficientMemoryException>(() => sample.ElboNoGrad());
            }
            finally
            {
                Environment.SetEnvironmentVariable("ALAN_MEMORY_BUDGET", null);
            }
        }

        // TorchSharp 0.107 frees a Scalar (a number converted implicitly, as in `0.8 * prev`) in its finalizer, and a
        // garbage collection started by another thread can run it while libtorch still reads the Scalar ("Expected false
        // to be true", "Scalar.h:279"). The library and the generated code hand libtorch no such temporary (Scalars.Of,
        // Scalars.Temporary; the runtime builds with ALAN056/ALAN057 as errors); a third thread forcing collections checks it.
        // A wrong value (the bug this test first guarded against: shared per-problem buffers) fails it too.
        [Test]
        public void TwoThreadsHammeringOneProblemGetTheSingleThreadedValues()
        {
            // Before: concurrent Sample corrupted the heap ("malloc(): unaligned tcache chunk detected"), and concurrent
            // ElboNoGrad on two samples returned wrong values (per-problem shape and plate-result buffers were shared).
            var problem = Nested();
            const int iterations = 400;
            var failures = new int[2];
            var errors = new Exception?[2];
            using var start = new Barrier(2);
            using var done = new CountdownEvent(2);
            void Work(int thread)
            {
                try
                {
                    torch.set_num_threads(1);
                    using var mine = problem.Sample(K: 4);
                    double reference = mine.ElboNoGrad().item<double>();
                    var referenceMean = mine.Moments().StateMean.Mean.clone();
                    start.SignalAndWait();
                    for (int i = 0; i < iterations; i++)
                    {
                        using var fresh = problem.Sample(K: 4, sampler: i % 2 == 0 ? Sampler.Permutation : Sampler.Categorical);
                        fresh.ElboVi().backward();
                        if (mine.ElboNoGrad().item<double>() != reference) Interlocked.Increment(ref failures[thread]);
                        if (i % 50 == 0 && !mine.Moments().StateMean.Mean.allclose(referenceMean, rtol: 0, atol: 1e-12)) Interlocked.Increment(ref failures[thread]);
                    }
                }
                catch (Exception e) { errors[thread] = e; }
                finally { done.Signal(); }
            }
            var threads = Enumerable.Range(0, 2).Select(t => new Thread(() => Work(t))).ToList();
            // The third thread: full blocking collections, then the finalizers they queued, until both workers are done.
            threads.Add(new Thread(() =>
            {
                while (!done.IsSet)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            }));
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            Assert.That(errors, Is.All.Null);
            Assert.That(failures, Is.All.EqualTo(0), "estimates of a sample must not change while another thread uses the problem");
        }
    }
}
