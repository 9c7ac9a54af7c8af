using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// One statement of a plate's body (<see cref="PlateReductionPlan.Steps"/>), in evaluation order. Each step carries
    /// every decision its code needs (strategy, output name, dims constant, whether it is recorded): the estimator's
    /// emitter switches on the step's type and formats it, and decides nothing.
    /// </summary>
    internal abstract record PlateStep;

    /// <summary>
    /// Evaluates child plate <paramref name="Plate"/> (chunk by chunk when a split cuts its dim <paramref name="Dim"/>,
    /// DESIGN 4.9) and names its results <paramref name="Outputs"/>.
    /// </summary>
    internal sealed record ChildPlateStep(string Plate, int Dim, EquatableArray<string> Outputs) : PlateStep;

    /// <summary>A timeseries latent at the previous element of its plate (its init at the first), read by the plate's factors as <c>prev</c>.</summary>
    internal sealed record PreviousStep(ChainPlan Chain) : PlateStep;

    /// <summary>How Q's log-density of a group enters the group's factor (DESIGN 4.2).</summary>
    internal enum ProposalForm
    {
        /// <summary>The members' log-densities at their particles: the group has no Q-parents.</summary>
        Direct,

        /// <summary>Their log-mean-exp over the Q-parents' particles: q as the uniform mixture over the parents' particles.</summary>
        MixtureOverParents,

        /// <summary>
        /// A binary latent's mixture over its parents' particles, evaluated at 0 and at 1 and read at the latent's particles
        /// (<c>BinaryLatent.MixtureLogProb</c>): never at each particle for each parent's (<see cref="FastPaths.BinaryMixturePath"/>).
        /// </summary>
        BinaryMixture,
    }

    /// <summary>
    /// A group's factor F_g = lp_g - (lq_g + log K) (DESIGN 4.2), named <paramref name="Output"/>.
    /// </summary>
    /// <param name="QParents">The dims Q's mixture runs over (the Q-parents' particle dims; a chained Q's previous element), if any.</param>
    /// <param name="SummedPerValue">
    /// A <see cref="StepKind.SumBinary"/> step sums the group's one binary latent per value: the factor is kept in two parts,
    /// P's distribution given the latent's parents and -(lq_g + log K) (<see cref="FastPaths.BinarySumPath"/>).
    /// </param>
    /// <param name="Members">The group's latents, in declaration order.</param>
    /// <param name="Transition">
    /// Set when the group is a chain's Normal transition whose factor is built in one pass with the rest of M_t
    /// (<see cref="FastPaths.NormalChainFactorPath"/>): P's log-density plus its data factors less (lq_g + log K).
    /// </param>
    internal sealed record GroupFactorStep(GroupPlan Group, EquatableArray<LatentPlan> Members, string Output, ProposalForm Proposal, DimsConstant? QParents, bool SummedPerValue,
        NormalTransitionPlan? Transition = null) : PlateStep;

    /// <summary>
    /// A chain's Normal transition built with the rest of M_t (<see cref="FastPaths.NormalChainFactorPath"/>), laid out in
    /// the order the chain product reads it: the chain step's constants <paramref name="States"/> and
    /// <paramref name="Previous"/> and its plate dim <paramref name="PlateDim"/>.
    /// </summary>
    /// <param name="Added">The plate's data factors (evaluated before the group's factor) that the factor takes in.</param>
    /// <param name="IntoChain">
    /// The factor is M_t alone, handed to the chain step in its parts (<see cref="ChainStep.Transition"/>): only the rest and
    /// the transition are evaluated here.
    /// </param>
    internal sealed record NormalTransitionPlan(EquatableArray<string> Added, DimsConstant States, DimsConstant Previous, int PlateDim, bool IntoChain = false);

    /// <summary>How a data factor is evaluated.</summary>
    internal enum DataEvaluation
    {
        /// <summary>log p(x | parents) at every element of the plate, broadcast over the parents' particles.</summary>
        Elementwise,

        /// <summary>Summed over its plate through the plate's statistics (<c>NormalRegression.PlateLogProb</c>, <see cref="FastPaths.PlateStatisticsPath"/>).</summary>
        PlateStatistics,

        /// <summary>Summed over its plate by its counts of 0s and 1s (<c>BinaryData.PlateLogProb</c>, <see cref="FastPaths.BinaryCountsPath"/>).</summary>
        BinaryCounts,
    }

    /// <summary>
    /// A data factor d_x = log p(x | P-parents). Evaluated <see cref="DataEvaluation.Elementwise"/>, <paramref name="Output"/> is
    /// the factor over the plate's elements; by any other evaluation it is the plate's result, already summed over
    /// <paramref name="SummedPlate"/> (the plate's only step), over <paramref name="Remaining"/> and the parent plates.
    /// </summary>
    /// <param name="Statistics">The loc's terms and the scale's reads, for <see cref="DataEvaluation.PlateStatistics"/>.</param>
    internal sealed record DataFactorStep(DataPlan Data, string Output, DataEvaluation Evaluation, PlateStatisticsPlan? Statistics = null,
        int SummedPlate = -1, EquatableArray<int> Remaining = default) : PlateStep;

    /// <summary>
    /// The chain product that ends a timeseries plate (DESIGN 4.10): M_t, the sum of <paramref name="Inputs"/>, chained
    /// along plate dim <paramref name="PlateDim"/>; it leaves the inits' particle dims and <paramref name="Remaining"/>.
    /// </summary>
    /// <param name="States">Each chain's state dim (recorded: backward sampling draws the chains' states from this step).</param>
    /// <param name="Previous">Each chain's previous-element dim.</param>
    /// <param name="Inits">Each chain's init's particle dim.</param>
    /// <param name="Transition">
    /// Set when M_t is one group's Normal transition plus the rest of M_t (<see cref="FastPaths.NormalChainFactorPath"/>) and
    /// nothing else: the ring takes the transition, the chain's values and the rest, and M_t need not be built.
    /// </param>
    internal sealed record ChainStep(string Plate, string Output, EquatableArray<string> Inputs, int PlateDim, EquatableArray<int> Remaining,
        EquatableArray<ChainPlan> Chains, DimsConstant States, DimsConstant Previous, DimsConstant Inits, ChainTransition? Transition = null) : PlateStep;

    /// <summary>The group <paramref name="Group"/> whose Normal transition of chain <paramref name="Latent"/> is M_t (<see cref="ChainStep.Transition"/>).</summary>
    internal sealed record ChainTransition(string Group, string Latent);

    /// <summary>A static <c>long[]</c> of layout dims the generated code names, e.g. <c>__dims_sum_Mu = { Dim.K_Mu }</c>.</summary>
    internal sealed record DimsConstant(string Name, EquatableArray<int> Dims);

    /// <summary>A step the recording ring keeps (by its output's name) and the constant of the dims backward sampling draws at it.</summary>
    internal sealed record RecordedStep(string Step, string Eliminated);

    /// <summary>
    /// A tensor a plate's factors read: a latent's particles, data, an input, a parameter (<paramref name="Param"/>) or an
    /// observed chain's values <paramref name="Lag"/> elements back (<see cref="ArgSource.Previous"/>, computed whole
    /// before the plates run). A non-root plate cuts each to the current chunk once, at its top.
    /// </summary>
    internal sealed record PlateRead(ArgSource Source, string Name, ParamRef? Param = null, int Lag = 0);
}
