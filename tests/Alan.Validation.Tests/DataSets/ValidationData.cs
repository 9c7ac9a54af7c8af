using System;
using System.IO;
using System.Text.Json;

namespace Alan.Validation.Tests.DataSets
{
    /// <summary>
    /// Reads the committed data sets, <c>Data/&lt;name&gt;.json</c>, from the test output directory (the project copies
    /// them there).
    /// </summary>
    public static class ValidationData
    {
        public static LinearRegressionData LinearRegression() => Read<LinearRegressionData>("linreg");
        public static NormalGammaRegressionData NormalGammaRegression() => Read<NormalGammaRegressionData>("nigreg");
        public static SchoolsData Schools() => Read<SchoolsData>("schools");
        public static LogisticData Logistic() => Read<LogisticData>("logistic");
        public static PoissonData Poisson() => Read<PoissonData>("poisson");
        public static MixtureData Mixture() => Read<MixtureData>("mixture");
        public static HmmData Hmm() => Read<HmmData>("hmm");

        /// <summary>The full path of data set <paramref name="name"/> in the output directory.</summary>
        public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name + ".json");

        private static T Read<T>(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"Validation data set '{name}' is missing: expected {path}. The project copies Data/{name}.json to the output directory; " +
                    "regenerate the files with the explicit test ValidationDataWriterTests.WriteAllDataSets if they were deleted.", path);
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"Validation data set '{name}' ({path}) holds JSON null.");
        }
    }
}
