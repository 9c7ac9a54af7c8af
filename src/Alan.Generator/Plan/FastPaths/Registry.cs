namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// The fast paths the planner tries, in order; the first that applies wins and the choice is recorded on the plan's
    /// step (<see cref="DataFactorStep.Evaluation"/>, <see cref="GroupFactorStep.Proposal"/>,
    /// <see cref="GroupFactorStep.SummedPerValue"/>), named in the generated code's comments and in ALAN042's
    /// description of the largest tensor. Adding a path: one class here, one runtime evaluator, one case in the
    /// estimator's emitter, one small snapshot model.
    /// </summary>
    internal static class Registry
    {
        /// <summary>Paths for a data variable that is its plate's only factor; none applying, it is evaluated elementwise.</summary>
        public static readonly SoleDataFactorPath[] SoleDataFactor =
        {
            new PlateStatisticsPath(),
            new BinaryCountsPath(),
        };
    }
}
