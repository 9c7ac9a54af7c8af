using System.ComponentModel;
using System;
using System.Collections.Generic;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    /// <summary>
    /// QEM (DESIGN.md section 4.8): for a distribution whose arguments are all QEM parameters, keep moving averages of
    /// the posterior expectations of its sufficient statistics, m &lt;- (1 - lr) m + lr E_post[T], and set the
    /// conventional parameters from m. This class holds the per-family pieces: the conventional parameter names,
    /// the sufficient statistics T(x), the maps between conventional and mean parameters, and the update step.
    /// Everything is batched over arbitrary leading dimensions and works in float32 and float64 (the iterative
    /// inversions for Gamma, Beta and Dirichlet run internally in float64 and return the input's dtype).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class Qem
    {
        /// <summary>
        /// Why QEM refuses <see cref="ComputationStrategy.Subsample"/>. Its update needs E_post[T] under the MP posterior,
        /// whose weight of a global particle k is proportional to f(k) exp(R(k)), R(k) the plate's sum over all N elements.
        /// A minibatch's (N / B) sum is unbiased for R(k), but the weights are a softmax of it, which is not linear:
        /// averaged over batches, they are not the full weights (the batch noise, of variance growing like N^2 / B, puts
        /// them on whichever particle a batch favours). The moving average would then settle on the mean of those biased
        /// expectations, whatever its rate; and a local latent's expectations for the batch's elements are taken under the
        /// same biased weights of its global parents.
        /// </summary>
        internal const string MinibatchRefusal =
            "QEM does not take a ComputationStrategy.Subsample: its update needs the posterior expectations E_post[T], and the posterior " +
            "weights of the global particles are a softmax of the plate's sum, which a minibatch's scaled sum estimates without bias but " +
            "the softmax does not (the average over batches of the minibatch weights is not the full weights), so the moving averages " +
            "would settle on biased moments. Update with the whole plate (no strategy, ComputationStrategy.Split to bound memory, or " +
            "ComputationStrategy.Sharded across ranks), or train a gradient guide (VI, RWS) on minibatches.";

        // One entry per family, read from the [QemFamily] attributes on Alan's distribution types (the
        // generator reads the same attributes).
        private static readonly Dictionary<QemFamily, (Type Type, string[] Names)> Families = ReadFamilies();

        private static Dictionary<QemFamily, (Type, string[])> ReadFamilies()
        {
            var families = new Dictionary<QemFamily, (Type, string[])>();
            foreach (var type in typeof(Distribution).Assembly.GetTypes())
                if (type.GetCustomAttribute<QemFamilyAttribute>(inherit: false) is QemFamilyAttribute a)
                {
                    if (families.TryGetValue(a.Family, out var other))
                        throw new InvalidOperationException($"QEM family {a.Family} is declared on both {other.Item1.Name} and {type.Name}.");
                    families.Add(a.Family, (type, (string[])a.Parameters.Clone()));
                }
            return families;
        }

        /// <summary>
        /// The conventional parameter names in order, as declared by the family's distribution type with
        /// <see cref="QemFamilyAttribute"/> (the leading parameters of its constructor): Normal (loc, scale);
        /// Bernoulli (probs); Exponential (rate); HalfNormal (scale); Poisson (rate); Gamma (concentration, rate);
        /// Beta (concentration1, concentration0); Dirichlet (concentration); MultivariateNormal (loc, covarianceMatrix).
        /// </summary>
        public static IReadOnlyList<string> ParameterNames(QemFamily family) =>
            Families.TryGetValue(family, out var f) ? f.Names : throw UnknownFamily(family);

        /// <summary>The distribution type that declares <paramref name="family"/>.</summary>
        public static Type DistributionType(QemFamily family) =>
            Families.TryGetValue(family, out var f) ? f.Type : throw UnknownFamily(family);

        /// <summary>
        /// The number of sufficient statistics (equivalently, of mean parameters) of <paramref name="family"/>;
        /// this equals the number of conventional parameters for every supported family.
        /// </summary>
        public static int StatisticCount(QemFamily family) => ParameterNames(family).Count;

        /// <summary>
        /// One QEM moving-average step, in place: m = ToMean(parameters); m' = (1 - lr) m + lr expectations;
        /// parameters &lt;- FromMean(m'), written with <c>copy_</c> under <c>torch.no_grad()</c> (so the tensors keep
        /// their identity, dtype and device, and may be leaf parameters that require gradients). The step runs in
        /// float64 whatever the parameters' dtype, and a MultivariateNormal's covariance is projected onto the
        /// positive-definite matrices the parameters' dtype can factorise (<see cref="PositiveDefiniteCovariance"/>)
        /// before it is stored.
        /// </summary>
        /// <param name="family">The family.</param>
        /// <param name="parameters">The conventional parameters in <see cref="ParameterNames"/> order; overwritten.</param>
        /// <param name="expectations">
        /// Posterior expectations of the sufficient statistics in <see cref="Statistics"/> order, each broadcastable
        /// to the corresponding mean parameter's shape (converted to its dtype and device).
        /// </param>
        /// <param name="lr">The step size, in (0, 1]; 1 replaces the mean parameters by the expectations.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="lr"/> is not in (0, 1].</exception>
        /// <exception cref="ArgumentException">
        /// An array has the wrong length, an expectation does not broadcast to its mean parameter's shape, or a new
        /// value does not fit the shape of the parameter it is written to (e.g. parameters of different shapes).
        /// </exception>
        public static void Update(QemFamily family, Tensor[] parameters, Tensor[] expectations, double lr)
        {
            if (!(lr > 0 && lr <= 1))
                throw new ArgumentOutOfRangeException(nameof(lr), lr, "The QEM step size must be in (0, 1].");
            CheckCount(family, parameters, nameof(parameters), "conventional parameters");
            CheckCount(family, expectations, nameof(expectations), "expected sufficient statistics");

            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            // The moments are accumulated in float64 whatever the parameters' dtype: a mean far from the origin in units
            // of the spread (E[x x^T] - m m^T cancels to 1e-6 of its terms at 1e3 sds) would lose the covariance in float32.
            var stored = QemSolver.ResultType(parameters);
            var mean = ToMean(family, Array.ConvertAll(parameters, QemSolver.Work));
            var averaged = new Tensor[mean.Length];
            for (int i = 0; i < mean.Length; i++)
            {
                if (!BroadcastsTo(expectations[i].shape, mean[i].shape))
                    throw new ArgumentException(
                        $"{family}: expectation {i} of shape {Show(expectations[i].shape)} does not broadcast to the mean " +
                        $"parameter's shape {Show(mean[i].shape)}.", nameof(expectations));
                var e = expectations[i].to(ScalarType.Float64, mean[i].device);
                averaged[i] = lr == 1 ? e.expand(mean[i].shape) : (mean[i] * (Scalars.Temporary(1 - lr))).add(e * Scalars.Temporary(lr), Scalars.Of(1));
            }
            var updated = FromMean(family, averaged, stored);
            var names = ParameterNames(family);
            for (int i = 0; i < updated.Length; i++)
            {
                if (!SameShape(updated[i].shape, parameters[i].shape))
                    throw new ArgumentException(
                        $"{family}: the new '{names[i]}' has shape {Show(updated[i].shape)} but the parameter has shape " +
                        $"{Show(parameters[i].shape)}; QEM parameters of one distribution must share their batch shape.",
                        nameof(parameters));
                parameters[i].copy_(updated[i]);
            }
        }

        private static void CheckCount(QemFamily family, Tensor[]? tensors, string paramName, string what)
        {
            if (tensors is null) throw new ArgumentNullException(paramName);
            int expected = StatisticCount(family);
            if (tensors.Length != expected)
                throw new ArgumentException(
                    $"{family} has {expected} {what} ({string.Join(", ", ParameterNames(family))}), got {tensors.Length}.",
                    paramName);
            for (int i = 0; i < tensors.Length; i++)
                if (tensors[i] is null) throw new ArgumentException($"{family}: {paramName}[{i}] is null.", paramName);
        }

        /// <summary>Whether a tensor of shape <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
        private static bool BroadcastsTo(long[] from, long[] to)
        {
            if (from.Length > to.Length) return false;
            for (int i = 1; i <= from.Length; i++)
            {
                long f = from[^i], t = to[^i];
                if (f != 1 && f != t) return false;
            }
            return true;
        }

        private static bool SameShape(long[] a, long[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        private static string Show(long[] shape) => "[" + string.Join(", ", shape) + "]";

        private static ArgumentOutOfRangeException UnknownFamily(QemFamily family) =>
            new(nameof(family), family, "Unknown QEM family.");
    }
}
