using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Builds a generated problem from its records passed as objects, so generic code can construct any model:
    /// <c>TProblem.Create(sizes, observations, inputs)</c> with <c>where TProblem : IInferenceProblemFactory&lt;TProblem&gt;</c>.
    /// Every generated problem implements it.
    /// </summary>
    /// <typeparam name="TSelf">The generated problem.</typeparam>
    public interface IInferenceProblemFactory<TSelf> where TSelf : IInferenceProblem
    {
        /// <summary>
        /// The problem's constructor with its own <c>PlateSizes</c>, <c>Observations</c> and <c>Inputs</c> records
        /// (<paramref name="inputs"/> null when the model has none); any other type is an
        /// <see cref="System.ArgumentException"/> naming the record expected.
        /// </summary>
        static abstract TSelf Create(object sizes, object observations, object? inputs = null, ScalarType dtype = ScalarType.Float32);
    }
}
