using System;
using System.Collections.Generic;

namespace Alan.FitBench
{
    /// <summary>
    /// The validation models (tests/Alan.Validation.Tests) in the fit table. The project file compiles their model
    /// classes in, and defines ALAN_VALIDATION_MODELS, when that project exists; ValidationFitModels.Models.cs then
    /// lists them. Without it, the table shows their Stan runs alone.
    /// </summary>
    public static partial class ValidationFitModels
    {
#if ALAN_VALIDATION_MODELS
        public static IReadOnlyList<FitModel> All => Models;
#else
        public static IReadOnlyList<FitModel> All => Array.Empty<FitModel>();
#endif
    }
}
