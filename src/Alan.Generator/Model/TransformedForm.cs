namespace Alan.Generator.Model
{
    /// <summary>
    /// A <c>Transformed</c> variable's return expression as read at compile time: the display names of its base distribution
    /// and bijector types, and why either could not be used (null when it could).
    /// </summary>
    /// <param name="Base">The base distribution's short name ("Normal"), or "" when unread.</param>
    /// <param name="Bijector">The bijector's short name ("Exp"), or "" when unread.</param>
    /// <param name="BijectorFault">What is wrong with the bijector argument, completing "its bijector ..." (ALAN046).</param>
    /// <param name="BaseFault">What is wrong with the base argument, completing "its base distribution ..." (ALAN047).</param>
    internal sealed record TransformedForm(string Base, string Bijector, string? BijectorFault = null, string? BaseFault = null);
}
