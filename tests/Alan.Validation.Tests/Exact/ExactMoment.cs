using System.Collections.Generic;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// The exact posterior mean and sd of one element of a latent; <see cref="Index"/> is 0-based, plate dims first then
    /// event dims, as in <c>PosteriorSummaryRow.Index</c> (empty for a scalar latent).
    /// </summary>
    public sealed record ExactMoment(string Latent, IReadOnlyList<long> Index, double Mean, double Sd)
    {
        /// <summary>The element's label as <c>PosteriorSummaryRow.Label</c> spells it: <c>Beta[1]</c>, <c>Mu</c>.</summary>
        public string Label => Index.Count == 0 ? Latent : $"{Latent}[{string.Join(", ", Index)}]";

        public static ExactMoment Scalar(string latent, double mean, double sd) => new(latent, System.Array.Empty<long>(), mean, sd);

        public static ExactMoment Element(string latent, long index, double mean, double sd) => new(latent, new[] { index }, mean, sd);
    }
}
