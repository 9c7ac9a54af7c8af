using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// The MP estimator (ElboNoGrad) against an independent brute-force average over every assignment of
    /// particle indices (one index per (Q group, plate element)):
    /// P_hat = K^-n sum_assignments prod p / prod q_mix, where q_mix is the uniform mixture over the particles
    /// of the group's Q-parents (DESIGN 4.2). Densities are closed-form, computed here with System.Math.
    /// </summary>
    public class BruteForceTests
    {
        private const double Tol = 1e-8;

        // ---------------------------------------------------------------- (a) plated latent

        private static double BruteForcePlate(double[] a, double[] z, double[] d, int k, int t)
        {
            // log q_mix(z[kt, t]) = log mean_j q(z | a_j) with Q: Z ~ N(0.7 a + 0.1, 1.1)
            var logQmixZ = new double[k, t];
            for (int kz = 0; kz < k; kz++)
                for (int e = 0; e < t; e++)
                {
                    var terms = new double[k];
                    for (int j = 0; j < k; j++) terms[j] = NormalLogPdf(z[kz * t + e], 0.7 * a[j] + 0.1, 1.1);
                    logQmixZ[kz, e] = LogMeanExp(terms);
                }
            int n = 1 + t;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]];
                double lw = NormalLogPdf(av, 0.5, 1.2) - NormalLogPdf(av, 0.2, 1.5);
                for (int e = 0; e < t; e++)
                {
                    int kz = idx[1 + e];
                    double zv = z[kz * t + e];
                    lw += NormalLogPdf(zv, av, 0.8) + NormalLogPdf(d[e], zv, 0.6) - logQmixZ[kz, e];
                }
                all.Add(lw);
            });
            return LogSumExp(all) - n * Math.Log(k);
        }

        [TestCase(3, 2, 11, Sampler.Permutation)]
        [TestCase(2, 3, 12, Sampler.Permutation)]
        [TestCase(3, 2, 13, Sampler.Categorical)]
        public void PlatedLatent(int k, int t, int seed, Sampler sampler)
        {
            torch.manual_seed(seed);
            var data = new[] { 0.3, -1.2, 2.1 }[..t];
            var problem = new BfPlateProblem(new BfPlateProblem.PlateSizes(T: t),
                new BfPlateProblem.Observations(D: torch.tensor(data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k, sampler: sampler);
            var particles = sample.Particles;
            Assert.That(particles.A.shape, Is.EqualTo(new long[] { k }));
            Assert.That(particles.Z.shape, Is.EqualTo(new long[] { k, t }));
            double expected = BruteForcePlate(ToArray(particles.A), ToArray(particles.Z), data, k, t);
            double actual = Item(sample.ElboNoGrad());
            Assert.That(actual, Is.EqualTo(expected).Within(Tol));
            // Same value from the graph-building entry points.
            Assert.That(Item(sample.ElboVi().detach()), Is.EqualTo(expected).Within(Tol));
            Assert.That(Item(sample.ElboRws().detach()), Is.EqualTo(expected).Within(Tol));
        }

        // ---------------------------------------------------------------- (b) Q group + dependent latent

        private static double BruteForceGroup(double[] a, double[] b, double[] c, double[] d, int k)
        {
            // Q: group G = {A ~ N(0.1, 1.3), B | A ~ N(0.8 A, 1.2)} shares one index; C | B ~ N(B + 0.2, 1.0).
            var logQmixC = new double[k];
            for (int kc = 0; kc < k; kc++)
            {
                var terms = new double[k];
                for (int j = 0; j < k; j++) terms[j] = NormalLogPdf(c[kc], b[j] + 0.2, 1.0);
                logQmixC[kc] = LogMeanExp(terms);
            }
            const int n = 2;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]], bv = b[idx[0]], cv = c[idx[1]];
                double lw = NormalLogPdf(av, 0.3, 1.0) + NormalLogPdf(bv, av - 0.2, 0.9)
                          - NormalLogPdf(av, 0.1, 1.3) - NormalLogPdf(bv, 0.8 * av, 1.2)
                          + NormalLogPdf(cv, 0.5 * av + bv, 0.7) - logQmixC[idx[1]];
                foreach (var x in d) lw += NormalLogPdf(x, cv + 0.3 * av, 1.1);
                all.Add(lw);
            });
            return LogSumExp(all) - n * Math.Log(k);
        }

        [TestCase(3, 21, Sampler.Permutation)]
        [TestCase(2, 22, Sampler.Permutation)]
        [TestCase(3, 23, Sampler.Categorical)]
        public void GroupedLatentsWithDependentLatent(int k, int seed, Sampler sampler)
        {
            torch.manual_seed(seed);
            var data = new[] { 0.7, -0.4, 1.9 };
            var problem = new BfGroupProblem(new BfGroupProblem.PlateSizes(T: data.Length),
                new BfGroupProblem.Observations(D: torch.tensor(data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k, sampler: sampler);
            var p = sample.Particles;
            double expected = BruteForceGroup(ToArray(p.A), ToArray(p.B), ToArray(p.C), data, k);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        // ---------------------------------------------------------------- (c) two P-parents, Q dependencies

        private static double BruteForceTwoParents(double[] a, double[] b, double[] c, double[] d, int k)
        {
            // Q: A ~ N(0.2, 1.2); B | A ~ N(0.5 A + 0.8, 1.3); C | A, B ~ N(0.3 A - 0.4 B, 1.4).
            var logQmixB = new double[k];
            var logQmixC = new double[k];
            for (int kb = 0; kb < k; kb++)
            {
                var terms = new double[k];
                for (int i = 0; i < k; i++) terms[i] = NormalLogPdf(b[kb], 0.5 * a[i] + 0.8, 1.3);
                logQmixB[kb] = LogMeanExp(terms);
            }
            for (int kc = 0; kc < k; kc++)
            {
                var terms = new double[k * k];
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++)
                        terms[i * k + j] = NormalLogPdf(c[kc], 0.3 * a[i] - 0.4 * b[j], 1.4);
                logQmixC[kc] = LogMeanExp(terms);
            }
            const int n = 3;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]], bv = b[idx[1]], cv = c[idx[2]];
                double lw = NormalLogPdf(av, 0.0, 1.0) - NormalLogPdf(av, 0.2, 1.2)
                          + NormalLogPdf(bv, 1.0, 1.5) - logQmixB[idx[1]]
                          + NormalLogPdf(cv, av - bv, 0.5) - logQmixC[idx[2]];
                foreach (var x in d) lw += NormalLogPdf(x, cv, 1.0);
                all.Add(lw);
            });
            return LogSumExp(all) - n * Math.Log(k);
        }

        [TestCase(3, 31, Sampler.Permutation)]
        [TestCase(2, 32, Sampler.Permutation)]
        [TestCase(3, 33, Sampler.Categorical)]
        public void LatentWithTwoParentsAndMixtureProposal(int k, int seed, Sampler sampler)
        {
            torch.manual_seed(seed);
            var data = new[] { -0.9, -1.6 };
            var problem = new BfTwoParentsProblem(new BfTwoParentsProblem.PlateSizes(T: data.Length),
                new BfTwoParentsProblem.Observations(D: torch.tensor(data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k, sampler: sampler);
            var p = sample.Particles;
            double expected = BruteForceTwoParents(ToArray(p.A), ToArray(p.B), ToArray(p.C), data, k);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }
            // ---------------------------------------------------------------- (d) two chained latents in a plate

        private static double BruteForcePlateChain(double[] a, double[] z, double[] w, double[] d, int k, int t)
        {
            // Q: A ~ N(0.1, 1.4); Z_t ~ N(0, 1.3); W_t | Z_t, A ~ N(0.6 Z_t + 0.2 A, 1.0).
            var logQmixW = new double[k, t];
            for (int kw = 0; kw < k; kw++)
                for (int e = 0; e < t; e++)
                {
                    var terms = new double[k * k];
                    for (int i = 0; i < k; i++)
                        for (int j = 0; j < k; j++)
                            terms[i * k + j] = NormalLogPdf(w[kw * t + e], 0.6 * z[j * t + e] + 0.2 * a[i], 1.0);
                    logQmixW[kw, e] = LogMeanExp(terms);
                }
            int n = 1 + 2 * t;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]];
                double lw = NormalLogPdf(av, -0.3, 1.1) - NormalLogPdf(av, 0.1, 1.4);
                for (int e = 0; e < t; e++)
                {
                    int kz = idx[1 + 2 * e], kw = idx[2 + 2 * e];
                    double zv = z[kz * t + e], wv = w[kw * t + e];
                    lw += NormalLogPdf(zv, 0.9 * av, 0.8) - NormalLogPdf(zv, 0.0, 1.3)
                        + NormalLogPdf(wv, zv - 0.5 * av, 0.6) - logQmixW[kw, e]
                        + NormalLogPdf(d[e], wv, 0.7);
                }
                all.Add(lw);
            });
            return LogSumExp(all) - n * Math.Log(k);
        }

        [TestCase(2, 2, 41)]
        [TestCase(3, 2, 42)]
        public void ChainedLatentsInAPlate(int k, int t, int seed)
        {
            torch.manual_seed(seed);
            var data = new[] { 1.1, -0.2 }[..t];
            var problem = new BfPlateChainProblem(new BfPlateChainProblem.PlateSizes(T: t),
                new BfPlateChainProblem.Observations(D: torch.tensor(data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var p = sample.Particles;
            double expected = BruteForcePlateChain(ToArray(p.A), ToArray(p.Z), ToArray(p.W), data, k, t);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }
            // ---------------------------------------------------------------- (e) nested plates

        private static double BruteForceNested(double[] a, double[] b, double[] c, double[] d, int k, int ni, int nj)
        {
            // Layouts: b[kb, i] = b[kb * ni + i]; c[kc, i, j] = c[(kc * ni + i) * nj + j]; d[i, j] = d[i * nj + j].
            // Q: A ~ N(0, 1.3); B_i | A ~ N(0.5 A, 1.1); C_ij | B_i, A ~ N(0.3 B_i - 0.1 A, 1.2).
            var logQmixB = new double[k, ni];
            var logQmixC = new double[k, ni, nj];
            for (int kb = 0; kb < k; kb++)
                for (int i = 0; i < ni; i++)
                {
                    var terms = new double[k];
                    for (int ka = 0; ka < k; ka++) terms[ka] = NormalLogPdf(b[kb * ni + i], 0.5 * a[ka], 1.1);
                    logQmixB[kb, i] = LogMeanExp(terms);
                }
            for (int kc = 0; kc < k; kc++)
                for (int i = 0; i < ni; i++)
                    for (int j = 0; j < nj; j++)
                    {
                        var terms = new double[k * k];
                        for (int ka = 0; ka < k; ka++)
                            for (int kb = 0; kb < k; kb++)
                                terms[ka * k + kb] = NormalLogPdf(c[(kc * ni + i) * nj + j], 0.3 * b[kb * ni + i] - 0.1 * a[ka], 1.2);
                        logQmixC[kc, i, j] = LogMeanExp(terms);
                    }
            int n = 1 + ni + ni * nj;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]];
                double lw = NormalLogPdf(av, 0.2, 1.0) - NormalLogPdf(av, 0.0, 1.3);
                for (int i = 0; i < ni; i++)
                {
                    int kb = idx[1 + i];
                    double bv = b[kb * ni + i];
                    lw += NormalLogPdf(bv, av, 0.9) - logQmixB[kb, i];
                    for (int j = 0; j < nj; j++)
                    {
                        int kc = idx[1 + ni + i * nj + j];
                        double cv = c[(kc * ni + i) * nj + j];
                        lw += NormalLogPdf(cv, 0.5 * bv, 0.8) - logQmixC[kc, i, j] + NormalLogPdf(d[i * nj + j], cv + 0.2 * av, 0.7);
                    }
                }
                all.Add(lw);
            });
            return LogSumExp(all) - n * Math.Log(k);
        }

        [TestCase(2, 2, 3, 51)]
        [TestCase(3, 2, 2, 52)]
        public void NestedPlates(int k, int ni, int nj, int seed)
        {
            torch.manual_seed(seed);
            var d = new[] { 0.4, -0.8, 1.5, 0.0, 2.2, -1.1 }[..(ni * nj)];
            var problem = new BfNestedProblem(new BfNestedProblem.PlateSizes(I: ni, J: nj),
                new BfNestedProblem.Observations(D: torch.tensor(d).reshape(ni, nj)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var p = sample.Particles;
            Assert.That(p.B.shape, Is.EqualTo(new long[] { k, ni }));
            Assert.That(p.C.shape, Is.EqualTo(new long[] { k, ni, nj }));
            double expected = BruteForceNested(ToArray(p.A), ToArray(p.B), ToArray(p.C), d, k, ni, nj);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        // ---------------------------------------------------------------- (f) vector latent, input, root data

        [TestCase(3, 61)]
        [TestCase(1, 62)]
        public void VectorLatentWithInputAndRootData(int k, int seed)
        {
            torch.manual_seed(seed);
            var x = new[,] { { 0.5, 1.0 }, { -1.0, 0.3 }, { 2.0, -0.7 } };
            var d = new[] { 0.9, -0.4, 1.3 };
            const double y = 0.6;
            var problem = new BfVectorProblem(new BfVectorProblem.PlateSizes(T: 3),
                new BfVectorProblem.Observations(Y: torch.tensor(y, dtype: ScalarType.Float64), D: torch.tensor(d)),
                new BfVectorProblem.Inputs(X: torch.tensor(x)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            Assert.That(sample.Particles.Phi.shape, Is.EqualTo(new long[] { k, 2 }));
            var phi = ToArray(sample.Particles.Phi);
            var terms = new double[k];
            for (int kk = 0; kk < k; kk++)
            {
                double p0 = phi[2 * kk], p1 = phi[2 * kk + 1];
                double lw = NormalLogPdf(p0, 0, 1) + NormalLogPdf(p1, 0, 1) - NormalLogPdf(p0, 0.1, 1.2) - NormalLogPdf(p1, -0.2, 1.2)
                          + NormalLogPdf(y, p0 + p1, 2.0);
                for (int t = 0; t < 3; t++) lw += NormalLogPdf(d[t], p0 * x[t, 0] + p1 * x[t, 1], 0.5);
                terms[kk] = lw;
            }
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(LogMeanExp(terms)).Within(Tol));
        }
            // ---------------------------------------------------------------- (g) Q in the reverse order of P

        [TestCase(3, 71)]
        [TestCase(2, 72)]
        public void ProposalSamplesInReverseOrder(int k, int seed)
        {
            torch.manual_seed(seed);
            var d = new[] { -0.5, 0.2, -1.4 };
            var problem = new BfReversedProblem(new BfReversedProblem.PlateSizes(T: d.Length),
                new BfReversedProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var a = ToArray(sample.Particles.A);
            var b = ToArray(sample.Particles.B);
            // Q: B ~ N(-0.2, 1.1); A | B ~ N(-0.6 B, 0.9), mixed over B's particles.
            var logQmixA = new double[k];
            for (int ka = 0; ka < k; ka++)
            {
                var terms = new double[k];
                for (int kb = 0; kb < k; kb++) terms[kb] = NormalLogPdf(a[ka], -0.6 * b[kb], 0.9);
                logQmixA[ka] = LogMeanExp(terms);
            }
            var all = new List<double>();
            ForEachAssignment(2, k, idx =>
            {
                double av = a[idx[0]], bv = b[idx[1]];
                double lw = NormalLogPdf(av, 0.4, 1.0) - logQmixA[idx[0]] + NormalLogPdf(bv, -av, 0.6) - NormalLogPdf(bv, -0.2, 1.1);
                foreach (var x in d) lw += NormalLogPdf(x, bv, 0.9);
                all.Add(lw);
            });
            double expected = LogSumExp(all) - 2 * Math.Log(k);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void AnEarlierSampleIsUnaffectedByALaterSampleWithAnotherK()
        {
            torch.manual_seed(81);
            var data = new[] { 0.3, -1.2 };
            var problem = new BfPlateProblem(new BfPlateProblem.PlateSizes(T: 2),
                new BfPlateProblem.Observations(D: torch.tensor(data)), dtype: ScalarType.Float64);
            using var first = problem.Sample(3);
            double before = Item(first.ElboNoGrad());
            using var second = problem.Sample(5, sampler: Sampler.Categorical);
            Assert.That(second.Particles.Z.shape, Is.EqualTo(new long[] { 5, 2 }));
            Assert.That(first.Particles.Z.shape, Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(Item(first.ElboNoGrad()), Is.EqualTo(before).Within(1e-12));
            double expected = BruteForcePlate(ToArray(first.Particles.A), ToArray(first.Particles.Z), data, 3, 2);
            Assert.That(before, Is.EqualTo(expected).Within(Tol));
        }
            // ---------------------------------------------------------------- (h) discrete plated latent

        private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

        private static double BernoulliLogitLogPmf(double z, double logit) => z * LogSigmoid(logit) + (1 - z) * LogSigmoid(-logit);

        [TestCase(3, 3, 91)]
        [TestCase(2, 4, 92)]
        public void DiscreteLatentInAPlate(int k, int t, int seed)
        {
            torch.manual_seed(seed);
            var d = new[] { 0.8, -0.6, 1.7, -0.1 }[..t];
            var problem = new BfDiscreteProblem(new BfDiscreteProblem.PlateSizes(T: t),
                new BfDiscreteProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k, reparam: false);
            var a = ToArray(sample.Particles.A);
            var z = ToArray(sample.Particles.Z);
            Assert.That(z.All(v => v == 0.0 || v == 1.0), Is.True);
            var logQmixZ = new double[k, t];
            for (int kz = 0; kz < k; kz++)
                for (int e = 0; e < t; e++)
                {
                    var terms = new double[k];
                    for (int ka = 0; ka < k; ka++) terms[ka] = BernoulliLogitLogPmf(z[kz * t + e], 0.5 * a[ka] - 0.2);
                    logQmixZ[kz, e] = LogMeanExp(terms);
                }
            int n = 1 + t;
            var all = new List<double>();
            var assignments = new List<int[]>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]];
                double lw = NormalLogPdf(av, 0.0, 1.0) - NormalLogPdf(av, 0.3, 1.2);
                for (int e = 0; e < t; e++)
                {
                    int kz = idx[1 + e];
                    double zv = z[kz * t + e];
                    lw += BernoulliLogitLogPmf(zv, av) - logQmixZ[kz, e] + NormalLogPdf(d[e], av * zv - 0.5, 1.0);
                }
                all.Add(lw);
                assignments.Add((int[])idx.Clone());
            });
            double logTotal = LogSumExp(all);
            double expected = logTotal - n * Math.Log(k);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
            Assert.That(Item(sample.ElboRws().detach()), Is.EqualTo(expected).Within(Tol));

            // Z is summed per value (BinaryLatent): its posterior marginals (source terms through that sum) are the
            // brute-force posterior probabilities of each of its particles, per element.
            var marginalZ = sample.Marginals().Z;
            for (int e = 0; e < t; e++)
                for (int kz = 0; kz < k; kz++)
                {
                    double p = 0;
                    for (int i = 0; i < all.Count; i++) if (assignments[i][1 + e] == kz) p += Math.Exp(all[i] - logTotal);
                    Assert.That(marginalZ[kz, e].item<double>(), Is.EqualTo(p).Within(1e-10), $"Z[{e}] particle {kz}");
                }
        }

        [Test]
        public void DiscreteLatentDrawsFollowItsMarginals()
        {
            // Backward sampling records the per-particle joint of Z's per-value sum: the draws of Z at each element
            // take value 1 with the marginal probability of its particles with value 1 (6 binomial standard errors).
            torch.manual_seed(93);
            var d = new[] { 0.8, -0.6, 1.7 };
            var problem = new BfDiscreteProblem(new BfDiscreteProblem.PlateSizes(T: d.Length),
                new BfDiscreteProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(4, reparam: false);
            const int n = 20000;
            var draws = sample.ImportanceSample(n).Z;
            var marginal = sample.Marginals().Z;
            var z = sample.Particles.Z;
            for (int e = 0; e < d.Length; e++)
            {
                double p = (marginal[.., e] * z[.., e]).sum().item<double>();
                double freq = draws[.., e].sum().item<double>() / n;
                double se = Math.Sqrt(Math.Max(p * (1 - p), 1e-12) / n);
                Assert.That(freq, Is.EqualTo(p).Within(6 * se + 1e-12), $"Z[{e}]");
            }
        }
            // ---------------------------------------------------------------- (d') grouped latents inside a plate

        [TestCase(3, 2, 43)]
        [TestCase(2, 3, 44)]
        public void GroupedLatentsInAPlate(int k, int t, int seed)
        {
            torch.manual_seed(seed);
            var d = new[] { 1.1, -0.2, 0.5 }[..t];
            var problem = new BfPlateChainGroupedProblem(new BfPlateChainGroupedProblem.PlateSizes(T: t),
                new BfPlateChainGroupedProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var a = ToArray(sample.Particles.A);
            var z = ToArray(sample.Particles.Z);
            var w = ToArray(sample.Particles.W);
            // Group ZW shares one index per plate element: q(z_k) * mean_i q(w_k | z_k, a_i).
            var logQmix = new double[k, t];
            for (int kg = 0; kg < k; kg++)
                for (int e = 0; e < t; e++)
                {
                    double zv = z[kg * t + e], wv = w[kg * t + e];
                    var terms = new double[k];
                    for (int i = 0; i < k; i++) terms[i] = NormalLogPdf(wv, 0.6 * zv + 0.2 * a[i], 1.0);
                    logQmix[kg, e] = NormalLogPdf(zv, 0.0, 1.3) + LogMeanExp(terms);
                }
            int n = 1 + t;
            var all = new List<double>();
            ForEachAssignment(n, k, idx =>
            {
                double av = a[idx[0]];
                double lw = NormalLogPdf(av, -0.3, 1.1) - NormalLogPdf(av, 0.1, 1.4);
                for (int e = 0; e < t; e++)
                {
                    int kg = idx[1 + e];
                    double zv = z[kg * t + e], wv = w[kg * t + e];
                    lw += NormalLogPdf(zv, 0.9 * av, 0.8) + NormalLogPdf(wv, zv - 0.5 * av, 0.6) + NormalLogPdf(d[e], wv, 0.7) - logQmix[kg, e];
                }
                all.Add(lw);
            });
            double expected = LogSumExp(all) - n * Math.Log(k);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }
    }
}
