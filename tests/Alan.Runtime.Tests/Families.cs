using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>One configuration of every family (and of each probs/logits variant), for the sampling tests.</summary>
    public sealed record Family(string Name, double[] Defaults, Func<Tensor[], Distribution> Make, bool Reparameterised)
    {
        public override string ToString() => Name;

        /// <summary>Fresh 0-dim float64 parameters at the defaults.</summary>
        public Tensor[] ScalarParams(bool requiresGrad = false) =>
            Defaults.Select(v => torch.tensor(v, ScalarType.Float64).requires_grad_(requiresGrad)).ToArray();

        /// <summary>Fresh event-only vector parameters (every parameter a length-n vector at its default).</summary>
        public Tensor[] VectorParams(long n) => Defaults.Select(v => torch.full(n, v, ScalarType.Float64)).ToArray();
    }

    public static class Families
    {
        /// <summary>Every univariate family (EventRank 0, scalar parameters), with moderate parameter values.</summary>
        public static IEnumerable<Family> Univariate() => new[]
        {
            new Family("Normal", new[] { 0.5, 2.0 }, p => new Normal(p[0], p[1]), true),
            new Family("LogNormal", new[] { 0.2, 0.5 }, p => new LogNormal(p[0], p[1]), true),
            new Family("HalfNormal", new[] { 1.5 }, p => new HalfNormal(p[0]), true),
            new Family("StudentT", new[] { 10.0, 1.0, 2.0 }, p => new StudentT(p[0], p[1], p[2]), true),
            new Family("Laplace", new[] { 1.0, 2.0 }, p => new Laplace(p[0], p[1]), true),
            new Family("Cauchy", new[] { 1.0, 2.0 }, p => new Cauchy(p[0], p[1]), true),
            new Family("HalfCauchy", new[] { 2.0 }, p => new HalfCauchy(p[0]), true),
            new Family("HalfStudentT", new[] { 10.0, 2.0 }, p => new HalfStudentT(p[0], p[1]), true),
            new Family("TruncatedNormal", new[] { 0.5, 2.0, -1.0, 4.0 }, p => new TruncatedNormal(p[0], p[1], p[2], p[3]), true),
            new Family("TruncatedNormal(upper tail)", new[] { 0.0, 1.0, 2.5, 6.0 }, p => new TruncatedNormal(p[0], p[1], p[2], p[3]), true),
            new Family("Gumbel", new[] { 1.0, 2.0 }, p => new Gumbel(p[0], p[1]), true),
            new Family("Uniform", new[] { -1.0, 3.0 }, p => new Uniform(p[0], p[1]), true),
            new Family("Exponential", new[] { 2.0 }, p => new Exponential(p[0]), true),
            new Family("Gamma", new[] { 2.5, 1.5 }, p => new Gamma(p[0], p[1]), true),
            new Family("Gamma(small concentration)", new[] { 0.3, 2.0 }, p => new Gamma(p[0], p[1]), true),
            new Family("Weibull", new[] { 2.0, 1.5 }, p => new Weibull(p[0], p[1]), true),
            new Family("Beta", new[] { 2.0, 3.0 }, p => new Beta(p[0], p[1]), true),
            new Family("Bernoulli(probs)", new[] { 0.3 }, p => new Bernoulli(probs: p[0]), false),
            new Family("Bernoulli(logits)", new[] { -0.5 }, p => new Bernoulli(logits: p[0]), false),
            new Family("Binomial(probs)", new[] { 10.0, 0.3 }, p => new Binomial(p[0], probs: p[1]), false),
            new Family("Binomial(logits)", new[] { 10.0, 0.7 }, p => new Binomial(p[0], logits: p[1]), false),
            new Family("Geometric(probs)", new[] { 0.3 }, p => new Geometric(probs: p[0]), false),
            new Family("Geometric(logits)", new[] { -0.5 }, p => new Geometric(logits: p[0]), false),
            new Family("Poisson", new[] { 3.5 }, p => new Poisson(p[0]), false),
            new Family("NegativeBinomial(probs)", new[] { 3.0, 0.4 }, p => new NegativeBinomial(p[0], probs: p[1]), false),
            new Family("NegativeBinomial(logits)", new[] { 2.5, -0.3 }, p => new NegativeBinomial(p[0], logits: p[1]), false),
        };

        public static readonly double[] CategoricalProbs = { 0.2, 0.3, 0.5 };
        public static readonly double[] DirichletConcentration = { 1.0, 2.0, 3.0 };

        /// <summary>A 3x3 covariance with correlations.</summary>
        public static Tensor Covariance() => D(new long[] { 3, 3 }, 2.0, 0.3, -0.4, 0.3, 1.5, 0.2, -0.4, 0.2, 0.8);

        public static readonly double[] MvnLoc = { 1.0, -1.0, 0.5 };
    }
}
