using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// hmm: a three-state chain with known parameters (inputs of the root): Z0 ~ Categorical(init) with no emission,
    /// Z_t | Z_{t-1} ~ Categorical(transition[Z_{t-1}]) (Z_{-1} = Z0) and Y_t ~ N(mu[Z_t], 1) for t = 0..T-1.
    /// </summary>
    [Plate, Input("Init", Shape = new long[] { 3 }), Input("Transition", Shape = new long[] { 3, 3 }), Input("Mu", Shape = new long[] { 3 })]
    public partial class HiddenMarkov
    {
        [Latent] static Categorical Z0(Tensor init) => new(probs: init);

        [Plate]
        public partial class Steps
        {
            [Latent, Timeseries(nameof(Z0))]
            static Categorical Z(Tensor prev, Tensor transition) => new(probs: (OneHot(prev, transition).unsqueeze(-1) * transition).sum(-2));

            [Data] static Normal Y(Tensor z, Tensor mu) => new((OneHot(z, mu) * mu).sum(-1), 1.0);
        }

        /// <summary>The states as one-hot rows [..., 3] in the dtype of <paramref name="like"/>: row s of a matrix is
        /// (one-hot(s) . matrix), and entry s of a vector is (one-hot(s) . vector).</summary>
        static Tensor OneHot(Tensor state, Tensor like) =>
            torch.nn.functional.one_hot(state.to_type(ScalarType.Int64), 3).to_type(like.dtype);
    }

    /// <summary>
    /// The automatic default guide for <see cref="HiddenMarkov"/>: every discrete latent gets learned logits, one set per
    /// element (Z0 one, Z one per step), starting uniform.
    /// </summary>
    [Plate]
    public partial class HiddenMarkovGuide
    {
        [Latent] static Categorical Z0([Param(0.0, Shape = new long[] { 3 })] Tensor logits) => new(logits: logits);

        [Plate]
        public partial class Steps
        {
            [Latent] static Categorical Z([Param(0.0, Shape = new long[] { 3 })] Tensor logits) => new(logits: logits);
        }
    }

    [Problem(typeof(HiddenMarkov), typeof(HiddenMarkovGuide))]
    public partial class HiddenMarkovProblem { }
}
