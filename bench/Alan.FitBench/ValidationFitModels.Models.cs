#if ALAN_VALIDATION_MODELS
using System.Collections.Generic;
using System.Linq;
using Alan.Validation.Tests.DataSets;
using Alan.Validation.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.FitBench
{
    /// <summary>
    /// The seven validation models (eight problems: schools centred and non-centred), built in float64 from
    /// tests/Alan.Validation.Tests/Data exactly as the validation suite builds them. Their Stan programs read the same
    /// JSON files.
    /// </summary>
    public static partial class ValidationFitModels
    {
        private static readonly IReadOnlyList<FitModel> Models = new[]
        {
            new FitModel("linreg", () =>
            {
                var d = ValidationData.LinearRegression();
                return new LinearRegressionProblem(new(Points: d.N), new(Y: Vector(d.Y)), new(X: Matrix(d.X)), ScalarType.Float64);
            }, null),
            new FitModel("nigreg", () =>
            {
                var d = ValidationData.NormalGammaRegression();
                return new NormalGammaRegressionProblem(new(Points: d.N), new(Y: Vector(d.Y)), new(X: Vector(d.X)), ScalarType.Float64);
            }, null),
            new FitModel("schools_centred", () =>
            {
                var d = ValidationData.Schools();
                return new EightSchoolsCentredProblem(new(Schools: d.J), new(Y: Vector(d.Y)), new(Sigma: Vector(d.Sigma)), ScalarType.Float64);
            }, null),
            new FitModel("schools_noncentred", () =>
            {
                var d = ValidationData.Schools();
                return new EightSchoolsNonCentredProblem(new(Schools: d.J), new(Y: Vector(d.Y)), new(Sigma: Vector(d.Sigma)), ScalarType.Float64);
            }, null),
            new FitModel("logistic", () =>
            {
                var d = ValidationData.Logistic();
                return new LogisticRegressionProblem(new(Points: d.N), new(Y: Vector(d.Y.Select(v => (double)v))), new(X: Vector(d.X)), ScalarType.Float64);
            }, null),
            new FitModel("poisson", () =>
            {
                var d = ValidationData.Poisson();
                return new PoissonRegressionProblem(new(Points: d.N), new(Y: Vector(d.Y.Select(v => (double)v))), new(X: Vector(d.X)), ScalarType.Float64);
            }, null),
            new FitModel("mixture", () =>
            {
                var d = ValidationData.Mixture();
                return new NormalMixtureProblem(new(Points: d.N), new(Y: Vector(d.Y)), ScalarType.Float64);
            }, null),
            new FitModel("hmm", () =>
            {
                var d = ValidationData.Hmm();
                return new HiddenMarkovProblem(new(Steps: d.T), new(Y: Vector(d.Y)), new(Init: Vector(d.Init), Transition: Matrix(d.Transition), Mu: Vector(d.Mu)),
                                               ScalarType.Float64);
            }, null),
        };

        private static Tensor Vector(IEnumerable<double> values) => torch.tensor(values.ToArray(), ScalarType.Float64);

        private static Tensor Matrix(double[][] rows) =>
            torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows.Length == 0 ? 0 : rows[0].Length }, ScalarType.Float64);
    }
}
#endif
