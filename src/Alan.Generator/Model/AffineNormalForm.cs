namespace Alan.Generator.Model
{
    /// <summary>
    /// The syntax of a method <c>=&gt; new Normal(loc, scale)</c> whose loc is a sum of terms <c>a</c> or <c>a * b</c> over
    /// its Tensor parameters (e.g. <c>stateMean + basement * betaBasement - logU * betaU</c>): the shape a [Data] factor
    /// needs to be summed over its plate through plate statistics (the planner decides which names are coefficients).
    /// </summary>
    /// <param name="Loc">The loc's terms, in source order.</param>
    /// <param name="ScaleReads">The method's parameters the scale expression names, in the method's order.</param>
    /// <param name="Scale">The scale expression written to compile on its own over <paramref name="ScaleReads"/> (<c>Parse.ScaleExpressionWriter</c>).</param>
    internal sealed record AffineNormalForm(EquatableArray<AffineTerm> Loc, EquatableArray<string> ScaleReads, string Scale);

    /// <summary>One term of an affine loc: a parameter, or the product of two; <paramref name="Negated"/> when subtracted.</summary>
    internal sealed record AffineTerm(bool Negated, EquatableArray<string> Factors);
}
