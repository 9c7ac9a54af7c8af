namespace Alan.CompilerServices.Fitting
{
    /// <summary>What the generator knows about a problem that decides how <c>Fit</c> may train it.</summary>
    /// <param name="ProblemName">The problem's class name (for messages).</param>
    /// <param name="NonReparameterisedLatent">The first latent whose Q distribution cannot be sampled with
    /// reparameterisation (a discrete latent), or null when every one can (then VI is possible).</param>
    /// <param name="QemCapable">Every latent of Q has a QEM family with <c>[QemParam]</c> arguments (then QEM is possible).</param>
    /// <param name="QHasGradientParameters">Q has <c>[Param]</c>s, which only gradient methods (VI, RWS) train.</param>
    /// <param name="MomentBlock">A derived Default guide's root block, which Fit sets from posterior moments (null: none).</param>
    public sealed record FitModel(string ProblemName, string? NonReparameterisedLatent, bool QemCapable, bool QHasGradientParameters,
        System.Collections.Generic.IReadOnlyList<MomentMember>? MomentBlock = null);
}
