using System;

namespace Alan
{
    /// <summary>
    /// Pairs a generative model P with a proposal Q. The generator turns the partial class into a
    /// <c>torch.nn.Module</c> with the inference API.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ProblemAttribute : Attribute
    {
        /// <summary>Declares the problem of model <paramref name="p"/> with proposal <paramref name="q"/>.</summary>
        public ProblemAttribute(Type p, Type q) { P = p; Q = q; }

        /// <summary>The generative model (a program root).</summary>
        public Type P { get; }

        /// <summary>The proposal (a program root mirroring P).</summary>
        public Type Q { get; }
    }
}
