using System.ComponentModel;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.CompilerServices.TensorLayout
{
    /// <summary>
    /// Holds the learnable parameters of one variable, so a problem's state-dict names them
    /// <c>Variable.argument</c> (e.g. <c>Mu.loc</c>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ParameterModule : nn.Module
    {
        /// <summary>Creates an empty holder named after the variable.</summary>
        public ParameterModule(string variable) : base(variable) { }

        /// <summary>Registers a trainable parameter under <paramref name="name"/>.</summary>
        public Parameter AddParameter(string name, Tensor initial)
        {
            var p = new Parameter(initial, requires_grad: true);
            register_parameter(name, p);
            return p;
        }

        /// <summary>Registers a non-trainable (QEM) tensor under <paramref name="name"/>.</summary>
        public Tensor AddBuffer(string name, Tensor initial)
        {
            register_buffer(name, initial);
            return initial;
        }
    }
}
