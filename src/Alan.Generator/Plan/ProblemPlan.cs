using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// Everything the emitter needs, decided at compile time: the tensor layout (which dimension each
    /// particle group and plate occupies), the sampling order, each call's argument sources, the factor list
    /// of every plate and the elimination steps of the plate recursion. The plan holds maths and names only
    /// (user names unescaped, parameters by identity); how they are spelled in C# is the emitter's decision
    /// (<see cref="Emit.EmitNames"/>).
    /// </summary>
    /// <param name="P">The model's program root.</param>
    /// <param name="Q">The proposal's program root.</param>
    /// <param name="LayoutRank">Number of leading (batch) dimensions of every tensor: padding, then one per Q group, then one per plate.</param>
    /// <param name="Dims">Every layout dimension by name, in layout order.</param>
    /// <param name="Constants">The dims arrays the plate steps name (eliminated dims, Q-parent dims, chain dims), in the order the steps first use them.</param>
    /// <param name="Recorded">The steps the recording ring keeps, in forward order, for backward sampling (DESIGN 4.7).</param>
    /// <param name="TimeseriesPlates">The dims of the latent timeseries' plates (never split by the memory guard), if any.</param>
    /// <param name="ObservedChains">The observed timeseries, in declaration order.</param>
    internal sealed record ProblemPlan(
        string Namespace,
        string ClassName,
        string Accessibility,
        TypePath P,
        TypePath Q,
        int LayoutRank,
        EquatableArray<PlatePlan> Plates,
        EquatableArray<GroupPlan> Groups,
        EquatableArray<LatentPlan> Latents,
        EquatableArray<DataPlan> Data,
        EquatableArray<InputPlan> Inputs,
        EquatableArray<ParamPlan> Params,
        EquatableArray<PriorVariablePlan> Prior,
        EquatableArray<PlateReductionPlan> Reductions,
        EquatableArray<QemPlan> Qem,
        EquatableArray<DimRef> Dims = default,
        EquatableArray<ChainPlan> Chains = default,
        EquatableArray<DimsConstant> Constants = default,
        EquatableArray<RecordedStep> Recorded = default,
        DimsConstant? TimeseriesPlates = null,
        EquatableArray<ObservedChainPlan> ObservedChains = default,
        EquatableArray<AutoGuide.MomentMember> MomentBlock = default);

    /// <summary>
    /// A timeseries latent (DESIGN 4.10): its particles at element t live on <paramref name="StateDim"/> (its group's
    /// dim), at element t-1 on <paramref name="PrevDim"/> (the layout's "previous" dim of the chain); at the first
    /// element the previous value is <paramref name="Init"/>, whose particles live on <paramref name="InitDim"/>.
    /// </summary>
    /// <param name="QChained">Q gives the latent a chain too (its proposal reads <c>prev</c>), else Q is per element.</param>
    /// <param name="Start">
    /// A self-starting chain's first-element distribution in P (<paramref name="Init"/> names its method): element 0 is
    /// drawn from and scored under it, with no previous element; <paramref name="InitDim"/> is then <paramref name="PrevDim"/>.
    /// </param>
    /// <param name="QStart">The same in a chained Q that starts itself.</param>
    internal sealed record ChainPlan(string Latent, string Init, string Plate, int StateDim, int PrevDim, int InitDim, bool QChained,
        CallPlan? Start = null, CallPlan? QStart = null)
    {
        public bool SelfStarting => Start != null;
    }

    /// <summary>A variable whose distribution's arguments are all [QemParam]s (DESIGN 4.8).</summary>
    /// <param name="Family">The Alan.CompilerServices.QemFamily member (from the distribution's [QemFamily]).</param>
    /// <param name="Statistics">Its number of sufficient statistics (one per conventional parameter).</param>
    /// <param name="Params">The QEM parameters in the family's conventional order.</param>
    internal sealed record QemPlan(string Variable, bool IsLatent, bool InP, string Family, int Statistics, EquatableArray<ParamRef> Params, string Plate);

    /// <summary>A type by its namespace ("" for the global one) and its name with those of its containing types, outermost first; names unescaped.</summary>
    internal sealed record TypePath(string Namespace, EquatableArray<string> Types);

    /// <summary>A plate: its layout dimension and its path of plate names from the root (inclusive).</summary>
    internal sealed record PlatePlan(string Name, string Parent, int Dim, EquatableArray<string> Path);

    /// <summary>A Q group: one particle dimension shared by its members.</summary>
    /// <param name="QParents">Groups referenced by members' Q distributions (re-indexed when sampling, log-mean-exp'd in the factor).</param>
    internal sealed record GroupPlan(string Name, string Plate, int Dim, EquatableArray<string> Members, EquatableArray<string> QParents);

    /// <summary>
    /// Previous: a timeseries' <c>prev</c> (Name: the variable), the variable at the previous element; an observed
    /// chain's <c>prev2</c>, <c>prev3</c>, ... are its values further back (<see cref="ArgPlan.Lag"/>).
    /// </summary>
    internal enum ArgSource { Latent, Data, Input, Param, Previous }

    /// <summary>Where one argument of a model method comes from.</summary>
    /// <param name="Name">Latent/data/input name ("" for a parameter).</param>
    /// <param name="Param">The parameter, when <paramref name="Source"/> is <see cref="ArgSource.Param"/>.</param>
    /// <param name="Lag">For <see cref="ArgSource.Previous"/>: how many elements back it reads (1 for <c>prev</c>).</param>
    internal sealed record ArgPlan(ArgSource Source, string Name, ParamRef? Param = null, int Lag = 0);

    /// <summary>
    /// An observed timeseries (DESIGN 4.10): data variable <paramref name="Data"/> of plate <paramref name="Plate"/> whose
    /// arguments read its own observations 1..<paramref name="Order"/> elements back, with <paramref name="Init"/> (a
    /// latent or an input of the enclosing plate, by <paramref name="InitSource"/>) holding the values before the first
    /// element. It adds no chain factor: each element is an ordinary data factor.
    /// </summary>
    internal sealed record ObservedChainPlan(string Data, string Init, ArgSource InitSource, string Plate, int Order);

    internal enum ParamOwner
    {
        /// <summary>A named parameter (class-level, or Name = ...), shared by every argument naming it.</summary>
        Named,
        /// <summary>An argument's own parameter in P.</summary>
        P,
        /// <summary>An argument's own parameter in Q.</summary>
        Q,
    }

    /// <summary>Identity of a [Param]/[QemParam] tensor: a named one by its name, an own one by (program, variable, argument).</summary>
    /// <param name="Name">The parameter's name (Named) or the variable's.</param>
    /// <param name="Argument">The argument's name ("" for Named).</param>
    internal sealed record ParamRef(ParamOwner Owner, string Name, string Argument = "");

    /// <summary>A call of a variable's method (through its accessor).</summary>
    /// <param name="InP">The variable is P's (else Q's).</param>
    /// <param name="Plates">The plate classes from the program root (exclusive) down to the variable's plate.</param>
    /// <param name="Variable">The method's (variable's) name.</param>
    /// <param name="Binary">The distribution's support is {0, 1} with scalar events (a latent of it can be summed per value, <see cref="StepKind.SumBinary"/>).</param>
    /// <param name="Improper">The distribution is improper (<c>Flat</c>, <c>HalfFlat</c>): a P latent's that cannot be drawn from P.</param>
    internal sealed record CallPlan(bool InP, EquatableArray<string> Plates, string Variable, string DistributionName, bool Reparameterised, EquatableArray<ArgPlan> Args,
        bool Binary = false, bool Improper = false);

    /// <summary>A latent: its group, its P and Q calls, and the groups of its P-parents.</summary>
    internal sealed record LatentPlan(string Name, string Plate, string Group, CallPlan P, CallPlan Q, EquatableArray<string> PParentGroups);

    /// <summary>An observed variable and the groups its P distribution depends on.</summary>
    /// <param name="Support">Numeric value of its P distribution's <c>Alan.Support</c> (checked at construction).</param>
    internal sealed record DataPlan(string Name, string Plate, CallPlan P, EquatableArray<string> PParentGroups, int Support = 0);

    /// <summary>An input living on a plate (root = ""), with its declared event shape (empty: scalar per plate element).</summary>
    internal sealed record InputPlan(string Name, string Plate, EquatableArray<long> Shape = default);

    /// <summary>A learnable ([Param]) or QEM ([QemParam]) tensor.</summary>
    /// <param name="Id">Its identity (unique per problem).</param>
    /// <param name="Module">Sub-module it is registered in ("" = the problem itself).</param>
    /// <param name="LocalName">Its name inside that module; the state-dict name is Module.LocalName.</param>
    /// <param name="Start">How it starts: a constant, identity matrices or a static member's value.</param>
    internal sealed record ParamPlan(ParamRef Id, string Module, string LocalName, bool InP, string Plate, ParamStart Start, EquatableArray<long> Shape, bool IsQem)
    {
        /// <summary>The state-dict name, as messages give it: <c>Beta.covarianceMatrix</c>.</summary>
        public string StateName => Module.Length > 0 ? Module + "." + LocalName : LocalName;
    }

    internal enum ParamStartKind { Constant, Identity, Member }

    /// <summary>A parameter's initial value.</summary>
    /// <param name="Value">The constant, or the identity's scale.</param>
    /// <param name="Accessor">For <see cref="ParamStartKind.Member"/>: the generated accessor of the plate-class member.</param>
    /// <param name="Member">For <see cref="ParamStartKind.Member"/>: the member's name, for messages.</param>
    internal sealed record ParamStart(ParamStartKind Kind, double Value, string Accessor = "", string Member = "")
    {
        /// <summary>
        /// How a parameter with these attribute values starts: its InitFrom member, identity matrices (asked for, or
        /// by default on a covariance or scale-tril argument with a square event shape and no value given), or its value.
        /// </summary>
        public static ParamStart Of(ParamModel param)
        {
            if (param.InitFrom is { Problem.Length: 0 } source) return new ParamStart(ParamStartKind.Member, 0, source.Accessor + "()", source.Member);
            if (param.Identity) return new ParamStart(ParamStartKind.Identity, param.HasValue ? param.Init : 1.0);
            var shape = param.Shape;
            bool square = shape.Count >= 2 && shape[shape.Count - 1] == shape[shape.Count - 2];
            if (param.MatrixArgument.Length > 0 && !param.HasValue && square) return new ParamStart(ParamStartKind.Identity, 1.0);
            return new ParamStart(ParamStartKind.Constant, param.Init);
        }
    }

    /// <summary>One variable of P in sampling order (SamplePrior).</summary>
    internal sealed record PriorVariablePlan(string Name, bool IsData, string Plate, CallPlan P);

    internal enum StepKind
    {
        /// <summary>Output = LogSumExp(Inputs[0]) over Dims.</summary>
        LogSumExp,
        /// <summary>Output = log sum over Dims of exp(Inputs[0] + Inputs[1]).</summary>
        SumProduct,
        /// <summary>
        /// Output = log sum over Dims (a binary latent's particle dim) of exp(Inputs[0] + Inputs[1] (if any)), where
        /// Inputs[0] is the latent's group factor f_g, kept in two parts (Alan.CompilerServices.FastPaths.BinaryLatent): P's
        /// log-densities at 0 and 1 over the parents' particles, and the rest over the latent's own particles; summed per
        /// value, so the latent's dim is never broadcast against its parents'.
        /// </summary>
        SumBinary,
        /// <summary>Output = Inputs[0] summed over the plate dimension Dims[0] (product of independent elements).</summary>
        PlateSum,
        /// <summary>Output = sum of all Inputs, as a scalar (the root's log P-hat).</summary>
        Total,
    }

    /// <summary>One straight-line contraction step of the plate recursion.</summary>
    /// <param name="Dims">Layout dimensions the step reduces.</param>
    /// <param name="Remaining">The particle dims the output holds (it also spans the plates of its plate's path, less the summed plate).</param>
    /// <param name="Eliminated">
    /// The constant naming <paramref name="Dims"/> (every step but a plate sum); the recording ring keeps the step under
    /// its output's name, and backward sampling draws these dims from it.
    /// </param>
    /// <param name="Binary">For <see cref="StepKind.SumBinary"/>: the binary latent summed per value, with its group.</param>
    internal sealed record EliminationStep(StepKind Kind, string Output, EquatableArray<string> Inputs, EquatableArray<int> Dims, EquatableArray<int> Remaining = default,
        DimsConstant? Eliminated = null, BinaryLatentRef? Binary = null) : PlateStep;

    /// <summary>A binary latent (a group of one) whose factor a <see cref="StepKind.SumBinary"/> step sums per value.</summary>
    internal sealed record BinaryLatentRef(string Group, string Latent);

    /// <summary>A named layout dimension: "NonMp" (the global sampler's particle dim), "K_&lt;Group&gt;", a plate name, or padding.</summary>
    internal sealed record DimRef(string Name, int Index);

    /// <summary>A plate's body: what it reads, then its steps in order (child plates, chains' previous elements, group and data factors, contractions).</summary>
    /// <param name="Groups">The Q groups declared in the plate.</param>
    /// <param name="Data">The data variables of the plate.</param>
    /// <param name="ChildFactors">The results its child plates hand it.</param>
    /// <param name="Reads">Every tensor the plate's factors read (cut to the current chunk at the top of a non-root plate), in first-use order.</param>
    /// <param name="Steps">The body, in order; each step carries every decision its code needs.</param>
    /// <param name="Outputs">Factors handed to the parent plate (or the scalar result at the root).</param>
    /// <param name="Largest">The largest tensor the plate's steps materialise (spanning the plate's path), if any.</param>
    internal sealed record PlateReductionPlan(string Plate, EquatableArray<string> Groups, EquatableArray<string> Data, EquatableArray<string> ChildFactors,
        EquatableArray<PlateStep> Steps, EquatableArray<string> Outputs, LargestTensor? Largest, EquatableArray<PlateRead> Reads = default);

    /// <summary>A tensor of the plate recursion with the most particle dims: K^ParticleDims times the plate path's sizes elements.</summary>
    /// <param name="OverParent">It spans the plate's parent path only (a plate summed through its statistics).</param>
    /// <param name="Dims">The layout dims of its particle dims (groups' dims, and a chain's previous-element dim).</param>
    /// <param name="Materialised">
    /// The particle-dim counts of every tensor the plate's steps materialise over the same plates (factors, joints and
    /// step outputs, this one included), for the memory guard's estimate of a call's peak.
    /// </param>
    /// <param name="Filtered">
    /// The plate's largest tensor when its chain product is filtered from a Normal transition's parts and its chain factor is
    /// never built (<see cref="ChainTransition"/>: every ring but the recording one), or null when it is always built.
    /// </param>
    internal sealed record LargestTensor(string Description, int ParticleDims, bool OverParent = false, EquatableArray<int> Dims = default,
        EquatableArray<int> Materialised = default, LargestTensor? Filtered = null);
}
