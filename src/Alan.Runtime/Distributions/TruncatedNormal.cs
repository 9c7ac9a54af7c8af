using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>
    /// Normal(<see cref="Loc"/>, <see cref="Scale"/>) truncated to [<see cref="Low"/>, <see cref="High"/>]. The normaliser
    /// and the inverse-CDF draws are computed in float64 and on the side of the centre where the interval lies, so
    /// intervals deep in one tail keep their precision, at any distance from the centre.
    /// </summary>
    [Distribution(Support.Interval, Reparameterised = true, EventRank = 0)]
    public sealed class TruncatedNormal : Distribution
    {
        /// <summary>Creates TruncatedNormal(loc, scale, low, high).</summary>
        public TruncatedNormal(Tensor loc, Tensor scale, Tensor low, Tensor high)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
            Low = low ?? throw new ArgumentNullException(nameof(low));
            High = high ?? throw new ArgumentNullException(nameof(high));
        }

        /// <summary>The location of the untruncated normal.</summary>
        public Tensor Loc { get; }

        /// <summary>The scale of the untruncated normal (positive).</summary>
        public Tensor Scale { get; }

        /// <summary>The lower bound (inclusive).</summary>
        public Tensor Low { get; }

        /// <summary>The upper bound (inclusive, above <see cref="Low"/>).</summary>
        public Tensor High { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, Scale, Low, High);

        private static readonly double InvSqrt2 = 1 / Math.Sqrt(2.0);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var loc = Align(Loc, batchRank, ScalarType.Float64);
            var scale = Align(Scale, batchRank, ScalarType.Float64);
            var low = Align(Low, batchRank, ScalarType.Float64);
            var high = Align(High, batchRank, ScalarType.Float64);
            var x64 = x.to_type(ScalarType.Float64);
            var z = (x64 - loc) / scale;
            var (a, b, _) = Standardised(loc, scale, low, high);
            var lp = Scalars.Of(-0.5) * z * z - Scalars.Temporary(MathUtil.HalfLog2Pi) - scale.log() - LogNormaliser(a, b);
            var inSupport = (x64 >= low).logical_and(x64 <= high);
            return MathUtil.Mask(lp, inSupport).to_type(dtype);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, ScalarType.Float64);
            var scale = Align(Scale, batchShape.Length, ScalarType.Float64);
            var low = Align(Low, batchShape.Length, ScalarType.Float64);
            var high = Align(High, batchShape.Length, ScalarType.Float64);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape, low.shape, high.shape);
            var (a, b, flip) = Standardised(loc, scale, low, high);
            // On the lower side of the centre (mirrored when the interval lies above it) Phi(a) and Phi(b) keep their
            // relative precision: u ~ U(Phi(a), Phi(b)), z = Phi^-1(u), clamped to [a, b] against rounding.
            var pa = Ndtr(a);
            var pb = Ndtr(b);
            var v = torch.rand(shape, ScalarType.Float64, loc.device, generator: RandomUtil.CurrentGenerator);
            var fi = torch.finfo(ScalarType.Float64);
            var u = (pa.add(v * (pb - pa), Scalars.Of(1))).clamp(Scalars.Temporary(fi.tiny), Scalars.Temporary(1 - fi.eps));
            var z = torch.minimum(torch.maximum(torch.special.ndtri(u), a), b);
            // Where even Phi(b) is tiny, solve log Phi(z) = log u instead (Newton, then one step with the graph).
            var deep = b < Scalars.Of(AsymptoticBelow);
            if (deep.any().item<bool>()) z = torch.where(deep, DeepTailInverse(a, b, v), z);
            z = torch.where(flip, -z, z);
            return (loc.add(scale * z, Scalars.Of(1))).to_type(dtype);
        }

        /// <summary>
        /// The standardised bounds mirrored to the lower side when the interval's lower bound is above the centre:
        /// (a, b) when a &lt;= 0, else (-b, -a), with the mirroring flag.
        /// </summary>
        private static (Tensor A, Tensor B, Tensor Flip) Standardised(Tensor loc, Tensor scale, Tensor low, Tensor high)
        {
            var a = (low - loc) / scale;
            var b = (high - loc) / scale;
            var flip = a > Scalars.Of(0);
            return (torch.where(flip, -b, a), torch.where(flip, -a, b), flip);
        }

        /// <summary>log(Phi(b) - Phi(a)) for a &lt;= 0 (see <see cref="Standardised"/>): log Phi(b) + log(1 - exp(log Phi(a) - log Phi(b))).</summary>
        private static Tensor LogNormaliser(Tensor a, Tensor b)
        {
            var la = LogNdtr(a);
            var lb = LogNdtr(b);
            return lb.add((-(la - lb).exp()).log1p(), Scalars.Of(1));
        }

        /// <summary>
        /// The z in [a, b] with log Phi(z) = log(Phi(a) + v (Phi(b) - Phi(a))), computed from log Phi only. log Phi is
        /// increasing and concave, so Newton started at b lands left of the root and then approaches it monotonically from
        /// the left (each iterate clamped to [a, b]); the last step keeps the graph, so
        /// z's gradient is d log u / (d log Phi / dz), the implicit-function gradient.
        /// </summary>
        private static Tensor DeepTailInverse(Tensor a, Tensor b, Tensor v)
        {
            var la = LogNdtr(a);
            var lb = LogNdtr(b);
            var logU = lb.add(((la - lb).exp().add(v * ((-(la - lb).exp()).add(Scalars.Of(1), Scalars.Of(1))), Scalars.Of(1))).log(), Scalars.Of(1));
            Tensor z;
            using (torch.no_grad())
            {
                var target = logU.detach();
                var lo = a.detach();
                var hi = b.detach();
                z = hi.expand_as(target).clone();
                for (int i = 0; i < 30; i++)
                    z = torch.minimum(torch.maximum(z - (LogNdtr(z) - target) / DLogNdtr(z), lo), hi);
            }
            return z - (LogNdtr(z) - logU) / DLogNdtr(z);
        }

        /// <summary>d log Phi(z) / dz = phi(z) / Phi(z).</summary>
        private static Tensor DLogNdtr(Tensor z) => (Scalars.Of(-0.5) * z * z - Scalars.Temporary(MathUtil.HalfLog2Pi) - LogNdtr(z)).exp();

        /// <summary>Phi(z) = erfc(-z / sqrt 2) / 2, with full relative precision in the lower tail (down to about -37).</summary>
        internal static Tensor Ndtr(Tensor z) => Scalars.Of(0.5) * torch.special.erfc(-z * Scalars.Temporary(InvSqrt2));

        /// <summary>Below this, log Phi uses its asymptotic series (relative error of the series under 2e-12).</summary>
        private const double AsymptoticBelow = -30.0;

        /// <summary>
        /// log Phi(z): for z &gt;= 0, log1p(-erfc(z / sqrt 2) / 2); for AsymptoticBelow &lt;= z &lt; 0, log(erfc(-z / sqrt 2) / 2);
        /// below, log phi(z) - log(-z) + log(1 - 1/z^2 + 3/z^4 - 15/z^6 + 105/z^8). Each branch sees its own range only
        /// (clamped), so its gradient stays finite.
        /// </summary>
        internal static Tensor LogNdtr(Tensor z)
        {
            var pos = z.clamp_min(Scalars.Of(0));
            var mid = z.clamp(Scalars.Of(AsymptoticBelow), Scalars.Of(0));
            var far = z.clamp_max(Scalars.Of(AsymptoticBelow));
            var upper = (Scalars.Of(-0.5) * torch.special.erfc(pos * Scalars.Temporary(InvSqrt2))).log1p();
            var middle = (Scalars.Of(0.5) * torch.special.erfc(-mid * Scalars.Temporary(InvSqrt2))).log();
            var r = (far * far).reciprocal();
            var series = -(r * (-(r * (-(r * (-(Scalars.Of(105) * r - Scalars.Of(15))) - Scalars.Of(3))) - Scalars.Of(1))) - Scalars.Of(1));
            var tail = (Scalars.Of(-0.5) * far * far - Scalars.Temporary(MathUtil.HalfLog2Pi) - (-far).log()).add(series.log(), Scalars.Of(1));
            return torch.where(z >= Scalars.Of(0), upper, torch.where(z >= Scalars.Of(AsymptoticBelow), middle, tail));
        }
    }
}
