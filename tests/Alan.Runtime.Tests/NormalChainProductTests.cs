using System;
using System.Linq;
using Alan.CompilerServices.FastPaths;
using Alan.CompilerServices.Semiring;
using Alan.CompilerServices.Timeseries;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The chain product of a Normal transition taken without building M_t (<see cref="NormalChainProduct"/>): against the
    /// sum over every path of the chain written out by enumeration, and against the chain product of the built factor
    /// (<see cref="NormalFactor.LogProbPlus"/>, <see cref="ChainProduct.Reduce"/>) in value and gradient.
    /// </summary>
    public class NormalChainProductTests
    {
        // Covid's layout in small: [globals' particles, region's particles (the chain's init), previous, state, days, regions].
        private const int Layout = 6;
        private static readonly long[] States = { 3 };
        private static readonly long[] Previous = { 2 };
        private static readonly long[] Inits = { 1 };
        private const long Days = 4;

        private sealed record Operands(Tensor X, Tensor Loc, Tensor LogScale, Tensor Rest)
        {
            public Tensor[] All => new[] { X, Loc, LogScale, Rest };
        }

        /// <summary>
        /// x over the state dim, the days and regions; loc over the globals' particles and the previous element (its value
        /// plus a drift read by the globals); the scale over the region's particles; the rest over the region's particles and
        /// the state. <paramref name="k"/> particles per dim, <paramref name="globals"/> global particles.
        /// </summary>
        private static Operands Make(long k, long globals, long days, long regions, ScalarType dtype, int seed)
        {
            var generator = new Generator((ulong)seed);
            Tensor Draw(params long[] shape) => randn(shape, dtype: ScalarType.Float64, generator: generator);
            var x = Draw(1, 1, 1, k, days, regions).cumsum(4).to_type(dtype).requires_grad_(true);
            // The previous element's value on the previous dim: the init's (region's particles) at day 0, the chain's at t-1.
            var initial = Draw(1, k, 1, 1, 1, regions);
            var previous = cat(new[] { initial.transpose(1, 2), x.detach().to_type(ScalarType.Float64).narrow(4, 0, days - 1).transpose(2, 3).expand(1, 1, k, 1, days - 1, regions) }, 4);
            var drift = 0.3 * Draw(globals, 1, 1, 1, days, 1);
            var loc = (previous + drift).to_type(dtype).requires_grad_(true);
            var logScale = (0.3 * Draw(1, k, 1, 1, 1, regions) - 0.2).to_type(dtype).requires_grad_(true);
            var rest = Draw(1, k, 1, k, days, regions).to_type(dtype).requires_grad_(true);
            return new Operands(x, loc, logScale, rest);
        }

        private static Tensor Fused(Operands o, ScalarType dtype) =>
            NormalChainProduct.TryReduce(new Normal(o.Loc, o.LogScale.exp()), o.X, o.Rest, Layout, dtype, States, Previous, Inits, Days)
            ?? throw new AssertionException("the filter did not apply");

        private static Tensor ThroughTheFactor(Operands o, ScalarType dtype) =>
            ChainProduct.Reduce(NormalFactor.LogProbPlus(new Normal(o.Loc, o.LogScale.exp()), o.X, o.Rest, Layout, dtype, States, Previous, Days),
                States, Previous, Days, Inits);

        [Test]
        public void EqualsTheSumOverEveryPathWrittenOut()
        {
            const long k = 2, globals = 2, days = 4, regions = 3;
            var o = Make(k, globals, days, regions, ScalarType.Float64, 3);
            var fused = Fused(o, ScalarType.Float64);
            Assert.That(fused.shape, Is.EqualTo(new long[] { globals, k, 1, 1, 1, regions }));

            // M_t[s, s'] for batch (g, r, region): log N(x[t, s] | loc[g, prev s', t], scale[r]) + rest[r, s, t]; at t = 0 the
            // previous particle is the init's own, r.
            double[,,,,,] x = Read(o.X), loc = Read(o.Loc), logScale = Read(o.LogScale), rest = Read(o.Rest);
            double M(long g, long r, long region, long t, long s, long sPrev)
            {
                double scale = Math.Exp(logScale[0, r, 0, 0, 0, region]);
                double z = (x[0, 0, 0, s, t, region] - loc[g, 0, sPrev, 0, t, region]) / scale;
                return -0.5 * z * z - Math.Log(scale) - 0.5 * Math.Log(2 * Math.PI) + rest[0, r, 0, s, t, region];
            }
            for (long g = 0; g < globals; g++)
                for (long r = 0; r < k; r++)
                    for (long region = 0; region < regions; region++)
                    {
                        double total = 0;
                        var path = new long[days];
                        for (long code = 0; code < (long)Math.Pow(k, days); code++)
                        {
                            long rem = code;
                            for (int t = 0; t < days; t++) { path[t] = rem % k; rem /= k; }
                            double log = M(g, r, region, 0, path[0], r);
                            for (int t = 1; t < days; t++) log += M(g, r, region, t, path[t], path[t - 1]);
                            total += Math.Exp(log);
                        }
                        Assert.That(fused[g, r, 0, 0, 0, region].item<double>(), Is.EqualTo(Math.Log(total)).Within(1e-12).Percent,
                            $"globals' particle {g}, init particle {r}, region {region}");
                    }
        }

        [Test]
        public void ValuesAndGradientsEqualTheChainProductOfTheBuiltFactorInFloat64()
        {
            // 3 x 5 x 7 = 105 chains: not a multiple of the vector width, so the padding is exercised.
            var o = Make(5, 3, 9, 7, ScalarType.Float64, 5);
            var fused = Fused(o, ScalarType.Float64);
            var reference = ThroughTheFactor(o, ScalarType.Float64);
            Assert.That(fused.shape, Is.EqualTo(reference.shape));
            Assert.That((fused - reference).abs().max().item<double>(), Is.LessThan(1e-10));

            var weights = randn(fused.shape, dtype: ScalarType.Float64, generator: new Generator(9));
            var ours = autograd.grad(new[] { (fused * weights).sum() }, o.All);
            var theirs = autograd.grad(new[] { (reference * weights).sum() }, o.All);
            var names = new[] { "x", "loc", "log scale", "rest" };
            for (int i = 0; i < ours.Count; i++)
            {
                double scale = theirs[i].abs().max().item<double>();
                Assert.That((ours[i] - theirs[i]).abs().max().item<double>(), Is.LessThan(1e-10 * Math.Max(1, scale)), names[i]);
            }
        }

        [Test]
        public void Float32AgreesWithFloat64WithinItsPrecision()
        {
            var o = Make(10, 4, 30, 3, ScalarType.Float64, 8);
            var reference = Fused(o, ScalarType.Float64);
            var single = new Operands(o.X.detach().to_type(ScalarType.Float32), o.Loc.detach().to_type(ScalarType.Float32),
                o.LogScale.detach().to_type(ScalarType.Float32), o.Rest.detach().to_type(ScalarType.Float32));
            var fused = Fused(single, ScalarType.Float32);
            Assert.That(fused.dtype, Is.EqualTo(ScalarType.Float32));
            var relative = ((fused.to_type(ScalarType.Float64) - reference).abs() / reference.abs().clamp_min(1)).max().item<double>();
            Assert.That(relative, Is.LessThan(1e-5));
        }

        [Test]
        public void Float32GradientsStayFiniteWhereTheJointIsFarBelowZero()
        {
            // Particles hundreds of scales away from the transition's loc (as early in training): joint entries near -1e9,
            // where one rounding in float32 is hundreds of nats. The gradients must stay finite and near float64's.
            var o = Make(4, 2, 12, 5, ScalarType.Float64, 12);
            var far = new Operands((o.X.detach() * 300).requires_grad_(true), o.Loc, (o.LogScale.detach() * 0 + Math.Log(0.007)).requires_grad_(true), o.Rest);
            var single = new Operands(far.X.detach().to_type(ScalarType.Float32).requires_grad_(true), far.Loc.detach().to_type(ScalarType.Float32).requires_grad_(true),
                far.LogScale.detach().to_type(ScalarType.Float32).requires_grad_(true), far.Rest.detach().to_type(ScalarType.Float32).requires_grad_(true));
            var value = Fused(single, ScalarType.Float32);
            Assert.That(value.max().item<float>(), Is.LessThan(-1e8f), "the regime: joints far below zero");
            var ours = autograd.grad(new[] { value.sum() }, single.All);
            var reference = autograd.grad(new[] { Fused(far, ScalarType.Float64).sum() }, far.All);
            var names = new[] { "x", "loc", "log scale", "rest" };
            for (int i = 0; i < ours.Count; i++)
            {
                Assert.That(ours[i].isfinite().all().item<bool>(), Is.True, names[i] + ": finite");
                double scale = reference[i].abs().max().item<double>();
                Assert.That((ours[i].to_type(ScalarType.Float64) - reference[i]).abs().max().item<double>(), Is.LessThan(1e-2 * Math.Max(1, scale)), names[i]);
            }
        }

        [Test]
        public void AStateNoPathReachesGivesMinusInfinityAndNoNaNGradient()
        {
            var o = Make(3, 1, 5, 2, ScalarType.Float64, 4);
            // Every state of day 2 of region 0 is impossible: its chains' products are -inf, the other region's are finite.
            var mask = zeros(o.Rest.shape, dtype: ScalarType.Float64);
            mask[.., .., .., .., 2, 0] = double.NegativeInfinity;
            var rest = (o.Rest + mask).detach().requires_grad_(true);
            var operands = o with { Rest = rest };
            var fused = Fused(operands, ScalarType.Float64);
            Assert.That(fused.select(5, 0).isneginf().all().item<bool>(), Is.True);
            Assert.That(fused.select(5, 1).isfinite().all().item<bool>(), Is.True);
            var grads = autograd.grad(new[] { fused.select(5, 1).sum() }, operands.All);
            Assert.That(grads.All(g => g.isfinite().all().item<bool>()), Is.True);
            var reference = autograd.grad(new[] { ThroughTheFactor(operands, ScalarType.Float64).select(5, 1).sum() }, operands.All);
            for (int i = 0; i < grads.Count; i++)
                Assert.That((grads[i] - reference[i]).abs().max().item<double>(), Is.LessThan(1e-10));
        }

        [Test]
        public void DoesNotApplyWhenTheRestReadsThePreviousElementOrTheStartIsNotKnown()
        {
            var o = Make(3, 2, 4, 2, ScalarType.Float64, 6);
            var normal = new Normal(o.Loc, o.LogScale.exp());
            var restOverPrevious = o.Rest.expand(1, 3, 3, 3, 4, 2);
            Assert.That(NormalChainProduct.TryReduce(normal, o.X, restOverPrevious, Layout, ScalarType.Float64, States, Previous, Inits, Days), Is.Null);
            // A self-starting chain (its init is its own previous dim) is taken through the factor.
            Assert.That(NormalChainProduct.TryReduce(normal, o.X, o.Rest, Layout, ScalarType.Float64, States, Previous, Previous, Days), Is.Null);
        }

        private static double[,,,,,] Read(Tensor t)
        {
            var d = t.detach().to_type(ScalarType.Float64).contiguous();
            var s = d.shape;
            var values = d.data<double>().ToArray();
            var result = new double[s[0], s[1], s[2], s[3], s[4], s[5]];
            Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
            return result;
        }
    }
}
