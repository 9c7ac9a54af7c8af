using System.Text.Json.Serialization;

// The seven validation data sets, with the JSON field names that docs/validation.md (and the Stan fit table) use.
namespace Alan.Validation.Tests.DataSets
{
    /// <summary>linreg: N points, P uncentred correlated predictors x (N rows of P), responses y, known noise sd.</summary>
    public sealed record LinearRegressionData(
        [property: JsonPropertyName("N")] int N,
        [property: JsonPropertyName("P")] int P,
        [property: JsonPropertyName("x")] double[][] X,
        [property: JsonPropertyName("y")] double[] Y,
        [property: JsonPropertyName("sigma")] double Sigma);

    /// <summary>nigreg: N points, one uncentred predictor x, responses y (noise precision unknown).</summary>
    public sealed record NormalGammaRegressionData(
        [property: JsonPropertyName("N")] int N,
        [property: JsonPropertyName("x")] double[] X,
        [property: JsonPropertyName("y")] double[] Y);

    /// <summary>schools: J schools' estimated effects y and their standard errors sigma.</summary>
    public sealed record SchoolsData(
        [property: JsonPropertyName("J")] int J,
        [property: JsonPropertyName("y")] double[] Y,
        [property: JsonPropertyName("sigma")] double[] Sigma);

    /// <summary>logistic: N points, a predictor x and binary responses y (0 or 1).</summary>
    public sealed record LogisticData(
        [property: JsonPropertyName("N")] int N,
        [property: JsonPropertyName("x")] double[] X,
        [property: JsonPropertyName("y")] int[] Y);

    /// <summary>poisson: N points, a predictor x and counts y.</summary>
    public sealed record PoissonData(
        [property: JsonPropertyName("N")] int N,
        [property: JsonPropertyName("x")] double[] X,
        [property: JsonPropertyName("y")] int[] Y);

    /// <summary>mixture: N draws y of a two-component normal mixture.</summary>
    public sealed record MixtureData(
        [property: JsonPropertyName("N")] int N,
        [property: JsonPropertyName("y")] double[] Y);

    /// <summary>hmm: T emissions y of a hidden Markov chain with known initial probabilities, transition matrix
    /// (rows: from, columns: to) and state means mu.</summary>
    public sealed record HmmData(
        [property: JsonPropertyName("T")] int T,
        [property: JsonPropertyName("y")] double[] Y,
        [property: JsonPropertyName("init")] double[] Init,
        [property: JsonPropertyName("transition")] double[][] Transition,
        [property: JsonPropertyName("mu")] double[] Mu);
}
