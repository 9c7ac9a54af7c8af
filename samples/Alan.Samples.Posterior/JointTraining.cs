using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Posterior
{
    /// <summary>
    /// Part 2: P and Q both have parameters, and three learning rules act on them together.
    /// <list type="bullet">
    /// <item>P's LogTau and LogSigma (gradient parameters of the model): maximum marginal likelihood, i.e. ascend log P-hat.</item>
    /// <item>Q's Z.loc and Z.logScale (gradient parameters of the proposal): VI in phase 1, RWS in phase 2.</item>
    /// <item>Q's Mu.loc and Mu.scale ([QemParam]s, buffers without gradients): QEM, every iteration of both phases.</item>
    /// </list>
    /// </summary>
    internal static class JointTraining
    {
        private const int Clusters = 10;
        private const int Points = 8;
        private const double TrueMu = 1.0, TrueTau = 2.0, TrueSigma = 0.5;
        private const int K = 10;
        private const int ViIterations = 300;
        private const int RwsIterations = 300;
        private const double ViLearningRate = 0.05;
        private const double RwsLearningRate = 0.02;
        private const double ViQemLearningRate = 0.2;    // QEM's moving average: fast while Q is far off ...
        private const double RwsQemLearningRate = 0.05;  // ... then slower, averaging out the Monte Carlo noise
        private const int ReportEvery = 50;

        public static ElboPanel Run(long seed)
        {
            Console.WriteLine("== Part 2: parameters in P and Q, trained by VI, RWS and QEM together ==");
            Console.WriteLine("P: Mu ~ N(0,2^2); per cluster c: Z[c] ~ N(Mu, exp(LogTau)^2); per point j: Y[c,j] ~ N(Z[c], exp(LogSigma)^2)");
            Console.WriteLine("   LogTau, LogSigma: plate-level [Param]s of P (start at 0, i.e. tau = sigma = 1)");
            Console.WriteLine("Q: Mu ~ N(loc, scale^2) with [QemParam]s (QEM); Z[c] ~ N(loc[c], exp(logScale[c])^2) with [Param]s (gradients)");

            // ---- synthetic data with known tau and sigma (drawn by hand: SamplePrior would use P's initial parameters)
            torch.manual_seed(seed);
            var z = TrueMu + TrueTau * torch.randn(Clusters);
            var y = z.unsqueeze(1) + TrueSigma * torch.randn(Clusters, Points);
            Console.WriteLine($"Data (seed {seed}, float32): Mu = {TrueMu}, tau = {TrueTau}, sigma = {TrueSigma}; {Clusters} clusters x {Points} points");
            Console.WriteLine();

            var problem = new ClusteredProblem(new ClusteredProblem.PlateSizes(Clusters: Clusters, Points: Points),
                                               new ClusteredProblem.Observations(Y: y));
            var named = problem.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            var state = problem.state_dict();   // holds the QEM buffers too (Mu.loc, Mu.scale), by reference

            // Phase 1, VI + QEM. One reparameterised sample per iteration; -ElboVi is the loss for every gradient
            // parameter (problem.parameters() = P's LogTau, LogSigma and Q's Z.loc, Z.logScale; QEM buffers are not
            // in it). For P this is maximum marginal likelihood (through the MP bound), for Q it is VI.
            // QEM for Mu runs on the same sample after backward() (the gradients are those of the Q that built the
            // graph) and before step() (so the posterior weights it computes use the Q that drew the particles).
            var viOptimizer = torch.optim.Adam(problem.parameters(), lr: ViLearningRate);
            var vi = new Phase("VI + QEM", ViIterations, _ =>
            {
                using var scope = torch.NewDisposeScope();
                viOptimizer.zero_grad();
                using var sample = problem.Sample(K: K, reparam: true);
                var elbo = sample.ElboVi();
                (-elbo).backward();
                sample.UpdateQemParams(ViQemLearningRate);
                viOptimizer.step();
                return elbo.item<float>();
            });

            // Phase 2, RWS + QEM. Particles are not reparameterised; ElboRws has gradients only through the
            // log-densities (DESIGN 4.5). Its gradient w.r.t. P's parameters is the wake-P update (ascend, as in
            // phase 1); w.r.t. Q's parameters it is minus the wake-Q update (descend). So backward() on +ElboRws
            // and flip the sign of P's gradients: the optimizer then descends on Q and ascends on P.
            var rwsOptimizer = torch.optim.Adam(problem.parameters(), lr: RwsLearningRate);
            var rws = new Phase("RWS + QEM", RwsIterations, _ =>
            {
                using var scope = torch.NewDisposeScope();
                rwsOptimizer.zero_grad();
                using var sample = problem.Sample(K: K, reparam: false);
                var elbo = sample.ElboRws();
                elbo.backward();
                foreach (var p in problem.PParameters()) p.grad?.neg_();
                sample.UpdateQemParams(RwsQemLearningRate);
                rwsOptimizer.step();
                return elbo.item<float>();
            });

            Console.WriteLine($"K = {K}; Adam lr {ViLearningRate} (VI phase), {RwsLearningRate} (RWS phase); QEM lr {ViQemLearningRate}, then {RwsQemLearningRate}; ELBO = mean since the last line");
            Console.WriteLine("   iter  phase            ELBO |   tau  sigma | Q: Mu loc  scale | Z[0] loc  scale");
            var traces = Progress.Run(new[] { vi, rws }, ReportEvery, (phase, iter, elbo) =>
                $"  {iter,5}  {phase.Name,-10} {elbo,9:F3} | {Exp(named["LogTau"]),5:F3} {Exp(named["LogSigma"]),6:F3} |" +
                $" {Value(state["Mu.loc"]),9:F4} {Value(state["Mu.scale"]),6:F4} | {Value(named["Z.loc"][0]),8:F4} {Exp(named["Z.logScale"][0]),6:F4}");
            Console.WriteLine();

            // ---- the result, against closed forms (the model is linear-Gaussian)
            double tau = Exp(named["LogTau"]), sigma = Exp(named["LogSigma"]);
            var (mlTau, mlSigma) = ClusteredExact.MaximumLikelihood(y);
            var exact = ClusteredExact.Posterior(y, tau, sigma);
            double finalElbo = traces[^1].Values.Skip(traces[^1].Values.Count - ReportEvery).Average();
            var zLoc = named["Z.loc"].to_type(ScalarType.Float64).data<double>().ToArray();
            var zScale = named["Z.logScale"].exp().to_type(ScalarType.Float64).data<double>().ToArray();
            double zLocError = zLoc.Zip(exact.ZMean, (a, b) => Math.Abs(a - b)).Max();
            double zScaleError = zScale.Zip(exact.ZSd, (a, b) => Math.Abs(a - b)).Max();

            Console.WriteLine("After training (exact = closed form, see Exact.cs):");
            Console.WriteLine($"  P  tau, sigma            learnt {tau,6:F3} {sigma,6:F3}   exact max. marginal likelihood {mlTau,6:F3} {mlSigma,6:F3}   (truth {TrueTau}, {TrueSigma})");
            double logEvidence = ClusteredExact.LogEvidence(y, tau, sigma);
            Console.WriteLine($"  log p(Y)                 ELBO (mean of the last {ReportEvery}) {finalElbo,8:F3}   exact log p(Y; learnt tau, sigma) {logEvidence,8:F3}");
            Console.WriteLine($"  Q  Mu (QEM)              N({Value(state["Mu.loc"]),6:F3}, {Value(state["Mu.scale"]):F3}^2)   exact posterior N({exact.MuMean,6:F3}, {exact.MuSd:F3}^2)");
            Console.WriteLine($"  Q  Z[c] (VI, then RWS)   largest |loc - exact mean| {zLocError:F3}, |scale - exact sd| {zScaleError:F3} over the {Clusters} clusters" +
                              $" (exact sd ~ {exact.ZSd.Average():F3})");
            Console.WriteLine();
            return new ElboPanel($"Part 2: P and Q learnt, K = {K}", traces, logEvidence, "exact log p(Y) at the learnt tau, sigma");
        }

        private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

        private static double Exp(Tensor t) => Math.Exp(Value(t));
    }
}
