using System;

namespace Alan
{
    /// <summary>
    /// Where posterior draws came from, for the comment lines of a CmdStan CSV file (<see cref="CmdStanCsv.Write"/>).
    /// </summary>
    /// <param name="Description">
    /// What produced the draws, in a few words, for example <c>"ImportanceSample"</c> or <c>"Fit (Vi, K 10, 100 pooled
    /// samples)"</c>. Written after "equally weighted posterior draws from"; it must be one line without '='
    /// (readers of the format take a comment line with '=' for a setting).
    /// </param>
    /// <param name="ParetoK">The Pareto k-hat of the importance weights behind the draws, when known.</param>
    /// <param name="LogEvidence">The estimate of log p(data) that came with the draws, when known.</param>
    public sealed record DrawsOrigin(string Description, double? ParetoK = null, double? LogEvidence = null)
    {
        /// <summary>Draws of one sample's <c>ImportanceSample(N)</c>: exact draws from its MP posterior.</summary>
        public static DrawsOrigin ImportanceSample { get; } = new("ImportanceSample (exact draws from one sample's MP posterior)");

        /// <summary>The origin of a <c>Fit</c>'s pooled draws, with its Pareto k-hat and log evidence.</summary>
        internal static DrawsOrigin OfFit(FitMethod method, int k, int pooledSamples, double paretoK, double logEvidence) =>
            new(FormattableString.Invariant($"Fit ({method}, K {k}, {pooledSamples} pooled samples, resampled in proportion to each sample's estimate of p(data))"),
                paretoK, logEvidence);

        internal void Validate(string argument)
        {
            if (Description is null) throw new ArgumentNullException(argument, "The origin's Description is null.");
            if (Description.Contains('=') || Description.Contains('\n') || Description.Contains('\r'))
                throw new ArgumentException(
                    $"The origin's Description must be one line without '=' (CSV readers take such a comment for a setting), but is \"{Description}\".", argument);
        }
    }
}
