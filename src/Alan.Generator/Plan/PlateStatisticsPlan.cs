using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// A Normal data factor evaluated through its plate's statistics (<c>Alan.CompilerServices.FastPaths.NormalRegression</c>):
    /// loc = Σ ± coefficient * regressor over <see cref="Terms"/>, a scale that does not vary over the plate.
    /// </summary>
    /// <param name="Terms">The loc's terms in source order.</param>
    /// <param name="ScaleReads">Per argument of the data's call: true when the scale expression reads it (an argument of its scale accessor).</param>
    internal sealed record PlateStatisticsPlan(EquatableArray<RegressionTerm> Terms, EquatableArray<bool> ScaleReads);

    /// <summary>One loc term: a latent of an enclosing plate times an input of the data's plate path ("" for an intercept).</summary>
    internal sealed record RegressionTerm(string Coefficient, string Regressor, bool Negated);
}
