using System;
using System.Collections.Generic;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>Fit's pooled draws by latent name, each [Draws, plates..., event...], as handed to the generated part to type them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class PooledDraws
    {
        private readonly IReadOnlyDictionary<string, Tensor> _byLatent;

        internal PooledDraws(IReadOnlyDictionary<string, Tensor> byLatent, Generator? generator, DrawsOrigin origin)
        {
            _byLatent = byLatent;
            Generator = generator;
            Origin = origin;
        }

        /// <summary>The fit that made the draws, with its Pareto k-hat and log evidence (for the draws' <c>WriteCmdStanCsv</c>).</summary>
        public DrawsOrigin Origin { get; }

        /// <summary>The fit's generator (from <c>FitOptions.Seed</c>; null: torch's default), which the draws' <c>Extend</c> continues.</summary>
        public Generator? Generator { get; }

        /// <summary>The draws of <paramref name="latent"/>.</summary>
        public Tensor this[string latent] =>
            _byLatent.TryGetValue(latent, out var draws) ? draws : throw new ArgumentException($"No latent '{latent}' was drawn.", nameof(latent));
    }
}
