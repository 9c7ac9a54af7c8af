using System;

namespace Alan
{
    /// <summary>
    /// Pairs a generative model P with a proposal Q. The generator turns the partial class into a
    /// <c>torch.nn.Module</c> with the inference API. Without Q, the generator derives one from P
    /// (<see cref="AutoGuide"/>) and emits it as the nested partial class <c>Guide</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ProblemAttribute : Attribute
    {
        /// <summary>Declares the problem of model <paramref name="p"/> with proposal <paramref name="q"/>.</summary>
        public ProblemAttribute(Type p, Type q) { P = p; Q = q; }

        /// <summary>Declares the problem of model <paramref name="p"/> with a proposal derived from it (<see cref="AutoGuide"/>).</summary>
        public ProblemAttribute(Type p) { P = p; }

        /// <summary>The generative model (a program root).</summary>
        public Type P { get; }

        /// <summary>The proposal (a program root mirroring P), or null when the generator derives it.</summary>
        public Type? Q { get; }

        /// <summary>How the proposal is derived when <see cref="Q"/> is not given (ignored when it is).</summary>
        public AutoGuide AutoGuide { get; set; }
    }
}
