using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// What every <c>Fit</c> result offers to code that drives any model (<see cref="IInferenceProblem.Fit"/>); the
    /// generated problem's own <c>Fit</c> returns <see cref="FitResult{TDraws}"/>, whose <c>Draws</c> are typed.
    /// </summary>
    public interface IFitResult
    {
        /// <summary>The pooled posterior draws by latent name, each [Draws, plates..., event...].</summary>
        IReadOnlyDictionary<string, Tensor> DrawsByLatent { get; }

        /// <summary>The method that trained Q.</summary>
        FitMethod Method { get; }

        /// <summary>The particles per Q group used for training and for the draws.</summary>
        int K { get; }

        /// <summary>Training iterations run.</summary>
        int Iterations { get; }

        /// <summary>True when training stopped because the ELBO stopped improving.</summary>
        bool Converged { get; }

        /// <summary>The ELBO of every training iteration.</summary>
        IReadOnlyList<double> ElboTrace { get; }

        /// <summary>log p(data), estimated from the pooled samples.</summary>
        double LogEvidence { get; }

        /// <summary>The Pareto k-hat of the pooled samples' weights: above 0.7 the draws are not to be trusted.</summary>
        double ParetoK { get; }

        /// <summary>Kish's effective number of pooled samples (weighted by their estimates of p(data)).</summary>
        double EffectiveSamples { get; }

        /// <summary>True when training converged, the Pareto k-hat is at most 0.7 and at least a tenth of the pooled samples carry weight.</summary>
        bool IsReliable { get; }

        /// <summary>One sentence on whether to trust the draws, and what to try when not.</summary>
        string Diagnosis { get; }

        /// <summary>The posterior summary of every element of every latent.</summary>
        IReadOnlyList<PosteriorSummaryRow> Summary();

        /// <summary>Writes the pooled draws as a CmdStan CSV file (see <see cref="CmdStanCsv"/>).</summary>
        void WriteCmdStanCsv(string path);
    }
}
