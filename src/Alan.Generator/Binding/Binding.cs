namespace Alan.Generator.Binding
{
    internal enum BindingKind
    {
        /// <summary>The argument carries its own [Param]/[QemParam].</summary>
        OwnParam,
        /// <summary>A latent of the same program visible from the variable.</summary>
        Latent,
        /// <summary>An observed variable (P's [Data]).</summary>
        Data,
        /// <summary>An [Input] on an enclosing plate.</summary>
        Input,
        /// <summary>A class-level [Param("Name", init)] on an enclosing plate of the same program.</summary>
        PlateParam,
        /// <summary>A timeseries latent's <c>prev</c> argument (the latent at the previous element).</summary>
        Previous,
        /// <summary>A latent or data variable that exists but is declared later or in a non-enclosing plate.</summary>
        OutOfScope,
        /// <summary>Nothing of that name.</summary>
        Unknown,
    }

    /// <summary>What one argument of a variable's method binds to.</summary>
    /// <param name="Target">The bound member's name (variable, input or parameter), or the closest suggestion for Unknown.</param>
    /// <param name="Plate">The plate (name, "" for root) where the target lives.</param>
    internal sealed record ArgumentBinding(BindingKind Kind, string Target, string Plate);
}
