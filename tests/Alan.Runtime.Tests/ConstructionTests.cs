using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Constructor validation, parameter properties and agreement of [Distribution] with the overrides.</summary>
    public class ConstructionTests
    {
        [Test]
        public void ExactlyOneOfProbsOrLogits()
        {
            var p = D(0.3);
            var ctors = new (string Name, Func<Tensor?, Tensor?, Distribution> Make)[]
            {
                ("Bernoulli", (a, b) => new Bernoulli(a, b)),
                ("Binomial", (a, b) => new Binomial(D(3.0), a, b)),
                ("Categorical", (a, b) => new Categorical(a, b)),
                ("Geometric", (a, b) => new Geometric(a, b)),
                ("NegativeBinomial", (a, b) => new NegativeBinomial(D(3.0), a, b)),
            };
            foreach (var (name, make) in ctors)
            {
                var both = Assert.Throws<ArgumentException>(() => make(p, p))!;
                Assert.That(both.Message, Does.StartWith($"{name} needs exactly one of probs or logits; got both"));
                var neither = Assert.Throws<ArgumentException>(() => make(null, null))!;
                Assert.That(neither.Message, Does.StartWith($"{name} needs exactly one of probs or logits; got neither"));
                Assert.DoesNotThrow(() => make(p, null));
                Assert.DoesNotThrow(() => make(null, p));
            }
        }

        [Test]
        public void MultivariateNormalNeedsExactlyOneMatrix()
        {
            var loc = torch.zeros(2);
            var eye = torch.eye(2);
            Assert.Throws<ArgumentException>(() => new MultivariateNormal(loc));
            Assert.Throws<ArgumentException>(() => new MultivariateNormal(loc, eye, eye));
            Assert.Throws<ArgumentException>(() => new MultivariateNormal(loc, covarianceMatrix: torch.eye(3)));
            Assert.Throws<ArgumentException>(() => new MultivariateNormal(torch.tensor(0.0f), covarianceMatrix: eye));
            Assert.Throws<ArgumentException>(() => new Dirichlet(torch.tensor(1.0)));
            var d = new MultivariateNormal(loc, scaleTril: eye);
            Assert.That(d.ScaleTril, Is.SameAs(eye));
            Assert.That(d.CovarianceMatrix, Is.Null);
        }

        [Test]
        public void NullTensorsAreRejectedWithTheParameterName()
        {
            Tensor x = 1.0;
            void Check(string name, Action make) =>
                Assert.That(Assert.Throws<ArgumentNullException>(make)!.ParamName, Is.EqualTo(name));
            Check("loc", () => new Normal(null!, x));
            Check("scale", () => new Normal(x, null!));
            Check("scale", () => new HalfNormal(null!));
            Check("df", () => new StudentT(null!, x, x));
            Check("high", () => new Uniform(x, null!));
            Check("rate", () => new Exponential(null!));
            Check("concentration", () => new Gamma(null!, x));
            Check("concentration", () => new Weibull(x, null!));
            Check("concentration0", () => new Beta(x, null!));
            Check("concentration", () => new Dirichlet(null!));
            Check("loc", () => new MultivariateNormal(null!, covarianceMatrix: x));
            Check("totalCount", () => new Binomial(null!, probs: x));
            Check("totalCount", () => new NegativeBinomial(null!, probs: x));
            Check("rate", () => new Poisson(null!));
            Check("loc", () => new Gumbel(null!, x));
            Check("loc", () => new Laplace(null!, x));
            Check("loc", () => new Cauchy(null!, x));
            Check("scale", () => new HalfCauchy(null!));
            Check("loc", () => new LogNormal(null!, x));
            Check("df", () => new HalfStudentT(null!, x));
            Check("scale", () => new HalfStudentT(x, null!));
            Check("loc", () => new TruncatedNormal(null!, x, x, x));
            Check("scale", () => new TruncatedNormal(x, null!, x, x));
            Check("low", () => new TruncatedNormal(x, x, null!, x));
            Check("high", () => new TruncatedNormal(x, x, x, null!));
        }

        [Test]
        public void ParametersAreExposed()
        {
            Tensor a = 1.0, b = 2.0, c = 3.0;
            var s = new StudentT(a, b, c);
            Assert.That(s.Df, Is.SameAs(a));
            Assert.That(s.Loc, Is.SameAs(b));
            Assert.That(s.Scale, Is.SameAs(c));
            var w = new Weibull(a, b);
            Assert.That(w.Scale, Is.SameAs(a));
            Assert.That(w.Concentration, Is.SameAs(b));
            var nb = new NegativeBinomial(a, logits: b);
            Assert.That(nb.TotalCount, Is.SameAs(a));
            Assert.That(nb.Probs, Is.Null);
            Assert.That(nb.Logits, Is.SameAs(b));
            Assert.That(new Categorical(probs: D(0.1, 0.9)).NumCategories, Is.EqualTo(2));
        }

        private static readonly Dictionary<Type, (Distribution Instance, Support Support)> Expected = new()
        {
            [typeof(Normal)] = (new Normal(0.0, 1.0), Support.Real),
            [typeof(LogNormal)] = (new LogNormal(0.0, 1.0), Support.Positive),
            [typeof(HalfNormal)] = (new HalfNormal(1.0), Support.Positive),
            [typeof(StudentT)] = (new StudentT(3.0, 0.0, 1.0), Support.Real),
            [typeof(Laplace)] = (new Laplace(0.0, 1.0), Support.Real),
            [typeof(Cauchy)] = (new Cauchy(0.0, 1.0), Support.Real),
            [typeof(HalfCauchy)] = (new HalfCauchy(1.0), Support.Positive),
            [typeof(HalfStudentT)] = (new HalfStudentT(3.0, 1.0), Support.Positive),
            [typeof(TruncatedNormal)] = (new TruncatedNormal(0.0, 1.0, -1.0, 2.0), Support.Interval),
            [typeof(Gumbel)] = (new Gumbel(0.0, 1.0), Support.Real),
            [typeof(Uniform)] = (new Uniform(0.0, 1.0), Support.Interval),
            [typeof(Exponential)] = (new Exponential(1.0), Support.Positive),
            [typeof(Gamma)] = (new Gamma(1.0, 1.0), Support.Positive),
            [typeof(Weibull)] = (new Weibull(1.0, 1.0), Support.Positive),
            [typeof(Beta)] = (new Beta(1.0, 1.0), Support.UnitInterval),
            [typeof(Dirichlet)] = (new Dirichlet(D(1.0, 1.0)), Support.Simplex),
            [typeof(MultivariateNormal)] = (new MultivariateNormal(D(0.0, 0.0), covarianceMatrix: torch.eye(2)), Support.Real),
            [typeof(LowRankMultivariateNormal)] = (new LowRankMultivariateNormal(D(0.0, 0.0), torch.ones(2, 1, dtype: ScalarType.Float64), D(1.0, 1.0)), Support.Real),
            [typeof(Bernoulli)] = (new Bernoulli(probs: 0.5), Support.Binary),
            [typeof(Binomial)] = (new Binomial(3.0, probs: 0.5), Support.BoundedCount),
            [typeof(Categorical)] = (new Categorical(probs: D(0.5, 0.5)), Support.Category),
            [typeof(Geometric)] = (new Geometric(probs: 0.5), Support.Count),
            [typeof(Poisson)] = (new Poisson(1.0), Support.Count),
            [typeof(NegativeBinomial)] = (new NegativeBinomial(2.0, probs: 0.5), Support.Count),
        };

        /// <summary>The families whose metadata is decided by their arguments: improper densities and those built from components.</summary>
        private static readonly Dictionary<Type, (Distribution Instance, Support Support)> ImproperOrFromComponents = new()
        {
            [typeof(Flat)] = (new Flat(), Support.Real),
            [typeof(HalfFlat)] = (new HalfFlat(), Support.Positive),
            [typeof(Mixture)] = (new Mixture(D(0.0, 0.0), new Normal(0.0, 1.0), new Normal(1.0, 1.0)), Support.Real),
            [typeof(Ordered)] = (new Ordered(new Normal(0.0, 1.0), 2), Support.Ordered),
        };

        [Test]
        public void AllTwentyFourProperFixedFamiliesAreAttributedConsistently()
        {
            var types = typeof(Distribution).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(Distribution)) && !t.IsAbstract && !ImproperOrFromComponents.ContainsKey(t))
                .Where(t => t != typeof(Transformed)) // its support is its bijector's (TransformedTests)
                .ToArray();
            Assert.That(types, Is.EquivalentTo(Expected.Keys));
            Assert.That(types, Has.Length.EqualTo(24));
            foreach (var t in types)
            {
                var attr = t.GetCustomAttribute<DistributionAttribute>();
                Assert.That(attr, Is.Not.Null, t.Name);
                var (d, support) = Expected[t];
                Assert.That(attr!.Support, Is.EqualTo(support), t.Name);
                Assert.That(attr.Reparameterised, Is.EqualTo(d.IsReparameterised), t.Name);
                Assert.That(attr.EventRank, Is.EqualTo(d.EventRank), t.Name);
                Assert.That(attr.Improper || attr.FromComponents, Is.False, t.Name);
                bool continuous = support is Support.Real or Support.Positive or Support.Interval or Support.UnitInterval or Support.Simplex;
                Assert.That(d.IsReparameterised, Is.EqualTo(continuous), t.Name);
                Assert.That(d.EventRank, Is.EqualTo(t == typeof(Dirichlet) || t == typeof(MultivariateNormal) || t == typeof(LowRankMultivariateNormal) ? 1 : 0), t.Name);
                Assert.That(d.Name, Is.EqualTo(t.Name));
            }
        }

        [Test]
        public void ImproperAndComponentFamiliesSayWhatTheGeneratorMustDerive()
        {
            var types = typeof(Distribution).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(Distribution)) && !t.IsAbstract && ImproperOrFromComponents.ContainsKey(t)).ToArray();
            Assert.That(types, Has.Length.EqualTo(4));
            foreach (var t in types)
            {
                var attr = t.GetCustomAttribute<DistributionAttribute>()!;
                var (d, support) = ImproperOrFromComponents[t];
                Assert.That(attr.Support, Is.EqualTo(support), t.Name);
                Assert.That(d.Support, Is.EqualTo(support), t.Name);
                Assert.That(attr.Improper, Is.EqualTo(t == typeof(Flat) || t == typeof(HalfFlat)), t.Name);
                Assert.That(d.IsImproper, Is.EqualTo(attr.Improper), t.Name);
                Assert.That(attr.FromComponents, Is.EqualTo(t == typeof(Mixture) || t == typeof(Ordered)), t.Name);
                Assert.That(attr.EventRank, Is.EqualTo(d.EventRank), t.Name);
                Assert.That(d.Name, Is.EqualTo(t.Name));
            }
        }
    }
}
