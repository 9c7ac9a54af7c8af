using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// The MP estimator as straight-line code: group factors F_g = lp_g - LME_{Q-parents}(lq_g) - log K,
    /// data factors, then each plate's elimination steps (children first) and the root total (DESIGN 4.2-4.4).
    /// Every non-root plate is a local function, so a Split strategy can evaluate it chunk by chunk (DESIGN 4.9);
    /// a plate's body cuts every tensor it reads to the current chunk once, at its top (<c>__c</c>). The factors are
/// contracted with a <c>Contraction</c> ring (plain log space, source terms or recording), by group and step name.
    /// </summary>
    internal static class EstimatorEmitter
    {
        private const string Ring = EmitContext.CompilerServices + ".Semiring.Contraction";
        private const string BinaryLatent = EmitContext.CompilerServices + ".FastPaths.BinaryLatent";

        public static void Emit(CodeWriter output, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            var w = output;
            w.Line("// The dims each step reduces, and the tensors the memory guard sizes before evaluating.");
            if (plan.TimeseriesPlates is { } timeseriesPlates) Constant(w, ctx, timeseriesPlates);
            w.Line($"private static readonly string[] __plateNames = {(plan.Plates.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", plan.Plates.Select(p => "\"" + p.Name + "\"")) + " }")};");
            w.Line($"private static readonly long[] __plateDims = {ctx.DimArray(plan.Plates.Select(p => p.Dim))};");
            foreach (var constant in plan.Constants) Constant(w, ctx, constant);
            if (plan.Reductions.SelectMany(r => r.Steps).Any(st => st is EliminationStep { Kind: StepKind.Total, Inputs.Count: 0 }))
                w.Line("private static readonly long[] __noFactors = global::Alan.CompilerServices.TensorLayout.Layout.Ones(__L);");
            EmitLargest(w, ctx, "__largest", nonMp: false);
            bool filters = plan.Reductions.Any(r => r.Largest?.Filtered is not null);
            if (filters) EmitLargest(w, ctx, "__largestFiltered", nonMp: false, filtered: true);
            EmitLargest(w, ctx, "__largestNonMp", nonMp: true);
            w.Line();

            w.Line("/// <summary>");
            w.Line("/// log P-hat for a sample; <paramref name=\"detach\"/> cuts the graph through the samples (RWS, no-grad);");
            w.Line("/// <paramref name=\"method\"/> names the caller in errors; <paramref name=\"ring\"/> is what the factors are contracted with:");
            w.Line("/// plain log space, source terms (posterior weights) or recording (backward sampling).");
            w.Line("/// </summary>");
            w.Line($"private {T} __Estimate(");
            w.Line("    ProblemSample s,");
            w.Line("    string method,");
            w.Line("    bool detach,");
            w.Line($"    {Ring} ring,");
            w.Open("    global::Alan.ComputationStrategy? strategy)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line("// The source-term pass (marginals, moments, QEM) runs in float64: its gradients are exp(f - log P-hat).");
            w.Line("var __work = ring.WorkType(__dtype);");
            // TorchSharp frees a Scalar it makes from a number (as in `t + 1` or `a + b`, whose alpha is 1) in its finalizer,
            // possibly while libtorch still reads it: log K and the alpha 1 of every sum are cached Scalars. They must outlive
            // the call: a checkpointed chunk runs its plate again in the backward pass. (One log K is cached per K used.)
            w.Line("var __logK = global::Alan.Scalars.Of(s.__nonMp ? 0.0 : global::System.Math.Log(s.K));");
            w.Line("var __one = global::Alan.Scalars.Of(1);");
            foreach (var l in plan.Latents)
                w.Line($"var {ctx.Names.Estimated(l.Name)} = detach ? s.{ctx.Names.Particles(l.Name)}.detach() : s.{ctx.Names.Particles(l.Name)};");
            foreach (var p in plan.Params)
                w.Line($"var {ctx.Names.ParamLocal(p.Id)} = {ctx.InstanceParam(p)};");
            TimeseriesEmitter.EmitObservedLags(w, ctx, c => c.InitSource == ArgSource.Latent ? ctx.Names.Estimated(c.Init) : "__input_" + c.Init, "__data_", "__L",
                TimeseriesEmitter.ObservedLagWhole);
            // A chain filtered from its Normal transition's parts builds no chain factor, except where the ring keeps it (draws).
            var largestOf = filters
                ? "s.__nonMp ? __largestNonMp : ring.FiltersNormalChains(__work) ? __largestFiltered : __largest"
                : "s.__nonMp ? __largestNonMp : __largest";
            if (filters) w.Line("// A chain filtered from its Normal transition's parts builds no chain factor, except where the ring keeps it (draws).");
            var chooseArgs = new List<string> { "strategy", "s.K", "global::Alan.CompilerServices.Memory.MemoryGuard.BytesOf(__work)", largestOf, "__layout" };
            if (plan.TimeseriesPlates is { } timeseries) chooseArgs.Add(timeseries.Name);
            chooseArgs.Add("trainingElementBytes: global::Alan.CompilerServices.Memory.MemoryGuard.BytesOf(__dtype)");
            w.Line("// The caller's split, or by default the fewest chunks (if any are needed) that keep the largest tensor within memory,");
            w.Line("// and the float64 pass's within the bytes of the training pass's.");
            w.CallLine("var __chunk = global::Alan.CompilerServices.Memory.MemoryGuard.ChooseChunk", chooseArgs, ";");
            TimeseriesEmitter.ForbidSplits(w, ctx);
            w.CallLine(
                "var __largestBytes = global::Alan.CompilerServices.Memory.MemoryGuard.Check",
                new[] { "method", "\"K\"", "s.K", "global::Alan.CompilerServices.Memory.MemoryGuard.BytesOf(__work)", largestOf, "__layout", "__chunk" },
                ";");
            w.Line("s.__owned.NoteEstimate(__largestBytes);");
            foreach (var reduction in plan.Reductions.Where(r => r.Plate.Length > 0))
                w.Line($"var __outs_{reduction.Plate} = new {T}[{reduction.Outputs.Count}];");
            var gradInputs = plan.Latents.Select(l => ctx.Names.Estimated(l.Name)).Concat(plan.Params.Select(p => ctx.Names.ParamLocal(p.Id)))
                .Concat(plan.ObservedChains.Where(c => c.InitSource == ArgSource.Latent)
                    .SelectMany(c => Enumerable.Range(1, c.Order).Select(j => TimeseriesEmitter.ObservedLagWhole(c.Data, j))))
                .ToList();
            w.Line("// The tensors a split evaluation differentiates with respect to.");
            w.ArrayLine($"var __inputs = __chunk is null ? null : ring.GradientInputs(new {T}[]", gradInputs, ");");

            foreach (var reduction in plan.Reductions.Where(r => r.Plate.Length > 0))
            {
                w.Line();
                var ends = reduction.Steps.Any(st => st is ChainStep)
                    ? "their product along its elements, a chain (DESIGN 4.10)"
                    : "results summed over its elements";
                w.Line($"// plate {reduction.Plate}: its factors, its children's results, its elimination steps; {ends}");
                w.Open($"{T}[] __plate_{reduction.Plate}()");
                // Peak memory: the plate's temporaries go when it returns, not at the end of the whole estimate.
                w.Line("// What the plate builds is released when it returns (autograd keeps what its backward needs); its results leave.");
                w.Line($"using var __plateScope = {EmitContext.Torch}.NewDisposeScope();");
                EmitReduction(w, ctx, reduction);
                // The result factors go into a buffer of this call (read at once by the caller), not one per chunk.
                for (int i = 0; i < reduction.Outputs.Count; i++)
                    w.Line($"__outs_{reduction.Plate}[{i}] = {reduction.Outputs[i]}.MoveToOuterDisposeScope();");
                w.Line($"return __outs_{reduction.Plate};");
                w.Close();
            }

            var root = plan.Reductions.First(r => r.Plate.Length == 0);
            w.Line();
            w.Line("// root");
            EmitReduction(w, ctx, root);
            w.Close();
            w.Line();
            w.Line("/// <summary>The recorded contraction steps in forward order, each with the dims it eliminates (for backward sampling).</summary>");
            w.ArrayLine(
                "private static readonly (string Step, long[] Eliminated)[] __recordedSteps = new (string, long[])[]",
                plan.Recorded.Select(r => $"(\"{r.Step}\", {r.Eliminated})"),
                ";");
            w.Line();
            w.Line("/// <summary>The current chunk of <paramref name=\"t\"/> (all of it outside a split evaluation).</summary>");
            w.Line($"private static {T} __c(global::Alan.CompilerServices.Memory.Chunk? chunk, {T} t) =>");
            w.Line("    global::Alan.CompilerServices.Memory.Chunk.Cut(chunk, t);");
            w.Line();
        }

        /// <summary>A static dims array the steps name: <c>private static readonly long[] __dims_sum_Mu = new long[] { Dim.K_Mu };</c>.</summary>
        private static void Constant(CodeWriter w, EmitContext ctx, DimsConstant constant) =>
            w.Line($"private static readonly long[] {constant.Name} = {ctx.DimArray(constant.Dims)};");

        /// <summary>
        /// The largest tensor of each plate's steps, for the memory check before evaluating (the non-MP sampler
        /// shares one particle dim among all groups, so its tensors hold at most one).
        /// </summary>
        private static void EmitLargest(CodeWriter w, EmitContext ctx, string field, bool nonMp, bool filtered = false)
        {
            var plan = ctx.Plan;
            var extents = plan.Reductions.Where(r => r.Largest != null).Select(r => filtered && r.Largest!.Filtered is { } f ? r with { Largest = f } : r).Select(r =>
            {
                var plates = ctx.PathDims(r.Largest!.OverParent ? ParentOf(ctx, r.Plate)! : r.Plate);
                var where = r.Plate.Length == 0 ? "at the root" : "in plate " + r.Plate;
                int dims = nonMp ? System.Math.Min(1, r.Largest!.ParticleDims) : r.Largest!.ParticleDims;
                // every tensor the plate's steps materialise, by particle dims, largest first (the memory guard adds them up)
                var held = r.Largest.Materialised.Count == 0 ? new[] { r.Largest.ParticleDims } : r.Largest.Materialised.ToArray();
                var heldDims = string.Join(", ", held.Select(d => nonMp ? System.Math.Min(1, d) : d).OrderByDescending(d => d));
                return (Head: $"new global::Alan.CompilerServices.Memory.TensorExtent(\"{r.Largest.Description} {where}\", {dims}, {plates},",
                    Held: $"new[] {{ {heldDims} }})");
            }).ToList();
            var head = $"private static readonly global::Alan.CompilerServices.Memory.TensorExtent[] {field} =";
            if (extents.Count == 0)
            {
                w.Line(head + " global::System.Array.Empty<global::Alan.CompilerServices.Memory.TensorExtent>();");
                return;
            }
            w.Line(head + " new global::Alan.CompilerServices.Memory.TensorExtent[]");
            w.Line("{");
            foreach (var (extentHead, extentHeld) in extents)
            {
                if (w.Fits("    " + extentHead + " " + extentHeld + ",")) w.Line("    " + extentHead + " " + extentHeld + ",");
                else
                {
                    w.Line("    " + extentHead);
                    w.Line("        " + extentHeld + ",");
                }
            }
            w.Line("};");
        }

        private static void EmitReduction(CodeWriter w, EmitContext ctx, PlateReductionPlan reduction)
        {
            var plan = ctx.Plan;
            // A plate's body may run chunk by chunk: it cuts every tensor it reads once, here, and reads the cuts.
            // The root never runs inside a chunk, so it reads its tensors whole.
            var cuts = CutInputs(w, ctx, reduction);
            string Read(string whole) => cuts.TryGetValue(whole, out var cut) ? cut : whole;
            string Z(string name) => Read(ctx.Names.Estimated(name));
            string P(ParamPlan p) => Read(ctx.Names.ParamLocal(p.Id));
            // A log-density term: the accessor's call, its arguments, and .LogProb of the value.
            string Arg(ArgPlan a) => a.Source switch
            {
                ArgSource.Latent => Z(a.Name),
                ArgSource.Data => Read("__data_" + a.Name),
                ArgSource.Input => Read("__input_" + a.Name),
                ArgSource.Previous when TimeseriesEmitter.FindObserved(ctx, a.Name) != null => Read(TimeseriesEmitter.ObservedLagWhole(a.Name, a.Lag)),
                ArgSource.Previous => TimeseriesEmitter.Previous(a.Name),
                _ => P(ctx.Param(a.Param!)),
            };
            (string Head, List<string> Args, string Tail) Term(CallPlan call, string value) =>
                (ctx.Names.Accessor(call), call.Args.Select(Arg).ToList(), $".LogProb({value}, __L, __work)");

            foreach (var step in reduction.Steps)
                switch (step)
                {
                    case ChildPlateStep child:
                        w.Line($"var __out_{child.Plate} = global::Alan.CompilerServices.Memory.Chunk.Splits(__chunk, {ctx.DimName(child.Dim)})");
                        w.Line($"    ? global::Alan.CompilerServices.Memory.Chunk.Run(__chunk!, __plate_{child.Plate}, __inputs!)");
                        w.Line($"    : __plate_{child.Plate}();");
                        for (int i = 0; i < child.Outputs.Count; i++)
                            w.Line($"var {child.Outputs[i]} = __out_{child.Plate}[{i}];");
                        break;
                    case PreviousStep previous:
                        TimeseriesEmitter.EmitPrevious(w, ctx, previous.Chain, Z);
                        break;
                    case GroupFactorStep factor:
                        EmitGroupFactor(w, ctx, factor, Term, Z, Arg);
                        break;
                    case DataFactorStep { Evaluation: DataEvaluation.BinaryCounts } counts:
                        PlateStatisticsEmitter.EmitCounts(w, ctx, reduction.Plate, counts, Arg);
                        break;
                    case DataFactorStep { Evaluation: DataEvaluation.PlateStatistics } statistics:
                        PlateStatisticsEmitter.Emit(w, ctx, reduction.Plate, statistics, Arg);
                        break;
                    case DataFactorStep data:
                        Sum(w, $"var {data.Output} = ", new[] { Term(data.Data.P, Read("__data_" + data.Data.Name)) });
                        break;
                    case ChainStep chain:
                        TimeseriesEmitter.EmitChainStep(w, ctx, chain, Z);
                        break;
                    case EliminationStep elimination:
                        EmitStep(w, ctx, reduction.Plate, elimination, Z);
                        break;
                }
        }

        /// <summary>A group's factor F_g = lp_g - (lq_g + log K) (DESIGN 4.2), with Q's mixture over its parents as the plan chose.</summary>
        private static void EmitGroupFactor(
            CodeWriter w, EmitContext ctx, GroupFactorStep factor,
            System.Func<CallPlan, string, (string Head, List<string> Args, string Tail)> term, System.Func<string, string> z, System.Func<ArgPlan, string> arg)
        {
            var g = factor.Group;
            // A self-starting chain (its own group): its first element is scored under its start's distribution.
            var selfStarting = ctx.Plan.Chains.FirstOrDefault(c => c.SelfStarting && factor.Members.Any(m => m.Name == c.Latent));
            switch (factor.Proposal)
            {
                case ProposalForm.BinaryMixture:
                {
                    // A binary latent's mixture needs q's log-density at 0 and 1 only, not at each particle for each parent's.
                    var binary = factor.Members[0];
                    var (head, args, _) = term(binary.Q, z(binary.Name));
                    w.Line($"// {binary.Name} is 0 or 1: Q's mixture over its parents' particles, at 0 and at 1, read at {binary.Name}'s particles.");
                    Sum(w, $"var qDist_{g.Name} = ", new[] { (head, args, "") });
                    w.Line($"var lq_{g.Name} = {BinaryLatent}.MixtureLogProb(qDist_{g.Name}, {z(binary.Name)}, {factor.QParents!.Name}, __L, __work);");
                    break;
                }
                case ProposalForm.MixtureOverParents:
                    Sum(w, $"var lq_{g.Name} = ", factor.Members.Select(m => term(m.Q, z(m.Name))));
                    if (selfStarting?.QStart is { } qStart)
                        TimeseriesEmitter.EmitFromStart(w, ctx, selfStarting, qStart, $"lq_{g.Name}", arg, z(selfStarting.Latent), "__work");
                    w.Line($"lq_{g.Name} = global::Alan.CompilerServices.Semiring.LogSpace.LogMeanExp(lq_{g.Name}, {factor.QParents!.Name});");
                    break;
                default:
                    Sum(w, $"var lq_{g.Name} = ", factor.Members.Select(m => term(m.Q, z(m.Name))));
                    break;
            }
            if (factor.SummedPerValue)
            {
                // Summed per value (StepKind.SumBinary): P's distribution given the parents, and the rest of the factor.
                var binary = factor.Members[0];
                var (head, args, _) = term(binary.P, z(binary.Name));
                w.Line($"// {binary.Name}'s factor in two parts: P given {binary.Name}'s parents (read at 0 and 1 when summed), and the rest at its particles.");
                Sum(w, $"var pDist_{g.Name} = ", new[] { (head, args, "") });
                w.Line($"var {factor.Output} = ring.Factor(\"{g.Name}\", (-lq_{g.Name}).sub(__logK), __chunk);");
                return;
            }
            if (factor.Transition is { } transition)
            {
                // A chain's Normal transition (NormalChainFactorPath): the rest of M_t is summed at its own size, then added in
                // the one pass that builds the transition's log-density.
                var member = factor.Members[0];
                var (head, args, _) = term(member.P, z(member.Name));
                var added = transition.Added;
                var rest = added.Count == 0 ? $"(-lq_{g.Name}).sub(__logK)" : SumOf(added) + $" - lq_{g.Name}.add(__logK, __one)";
                w.Line($"// M_t less the transition, at its own size: {(added.Count == 0 ? "" : string.Join(" + ", added) + " ")}- (lq + log K)");
                w.Line($"var rest_{g.Name} = {rest};");
                Sum(w, $"var pDist_{g.Name} = ", new[] { (head, args, "") });
                if (transition.IntoChain) return;
                w.Line("// P's Normal transition plus the rest in one pass at the factor's size (M_t), laid out as the chain product reads it");
                w.CallLine($"var {factor.Output} = global::Alan.CompilerServices.FastPaths.NormalFactor.LogProbPlus",
                    new[] { $"pDist_{g.Name}", z(member.Name), $"rest_{g.Name}", "__L", "__work", transition.States.Name, transition.Previous.Name, ctx.DimName(transition.PlateDim) },
                    ";");
                w.Line($"{factor.Output} = ring.Factor(\"{g.Name}\", {factor.Output}, __chunk);");
                return;
            }
            Sum(w, $"var lp_{g.Name} = ", factor.Members.Select(m => term(m.P, z(m.Name))));
            if (selfStarting?.Start is { } start)
                TimeseriesEmitter.EmitFromStart(w, ctx, selfStarting, start, $"lp_{g.Name}", arg, z(selfStarting.Latent), "__work");
            w.Line($"var {factor.Output} = ring.Factor(\"{g.Name}\", lp_{g.Name} - lq_{g.Name}.add(__logK, __one), __chunk);");
        }

        /// <summary>
        /// Declares, at the top of a plate's body, one local per tensor the plate reads (<see cref="PlateReductionPlan.Reads"/>),
        /// cut to the current chunk; returns the local of each whole tensor's name.
        /// </summary>
        private static Dictionary<string, string> CutInputs(CodeWriter w, EmitContext ctx, PlateReductionPlan reduction)
        {
            // Each read's whole tensor (a local or field of the estimator) and the name its cut is called after.
            var read = reduction.Reads.Select(r => r.Source switch
            {
                ArgSource.Latent => (Whole: ctx.Names.Estimated(r.Name), Name: r.Name),
                ArgSource.Data => (Whole: "__data_" + r.Name, Name: r.Name),
                ArgSource.Input => (Whole: "__input_" + r.Name, Name: r.Name),
                ArgSource.Previous => (Whole: TimeseriesEmitter.ObservedLagWhole(r.Name, r.Lag), Name: TimeseriesEmitter.ObservedLag(r.Name, r.Lag)),
                _ => (Whole: ctx.Names.ParamLocal(r.Param!), Name: ctx.Names.ParamName(r.Param!)),
            }).ToList();

            // Named after what they hold (camelCase), unless that could clash with another local of the estimator.
            // (An observed chain's values back keep their names, prev_Y and prev2_Y: a user name like prev_.. or prev2.. is renamed c_...)
            var natural = read.Select((r, i) => reduction.Reads[i].Source == ArgSource.Previous ? r.Name : LowerFirst(r.Name)).ToList();
            var cuts = new Dictionary<string, string>();
            for (int i = 0; i < read.Count; i++)
            {
                var name = natural[i];
                bool clear = (Free(name) || reduction.Reads[i].Source == ArgSource.Previous) && natural.Count(n => n == name) == 1;
                cuts[read[i].Whole] = clear ? name : "c_" + read[i].Whole.TrimStart('_');
                w.Line($"var {cuts[read[i].Whole]} = __c(__chunk, {read[i].Whole});");
            }
            return cuts;
        }

        private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        /// <summary>True when <paramref name="name"/> cannot be a keyword, a parameter of <c>__Estimate</c> or a generated local.</summary>
        private static bool Free(string name) =>
            name.Length > 0 && name[0] != '_' && Identifiers.Spell(name) == name
            && !Reserved.Contains(name) && !GeneratedPrefixes.Any(name.StartsWith)
            && !(name.Length > 1 && name[0] == 't' && name.Skip(1).All(char.IsDigit))
            && !(name.Length > 4 && name.StartsWith("prev", System.StringComparison.Ordinal) && char.IsDigit(name[4]));

        private static readonly HashSet<string> Reserved = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "s", "method", "detach", "ring", "strategy", "logPHat", "global", "Dim",
        };

        private static readonly string[] GeneratedPrefixes = { "z_", "pv_", "lq_", "lp_", "pDist_", "qDist_", "f_", "d_", "c_", "sum_", "prod_", "r_", "scale_", "prev_", "rest_" };

        /// <summary>
        /// <c>head</c> followed by the sum of the terms, each added with <c>.add(term, __one)</c> (an explicit alpha: see
        /// <c>__one</c>): on one line if it fits, else a term per line, and a term that still does not fit with one argument
        /// per line.
        /// </summary>
        private static void Sum(CodeWriter w, string head, IEnumerable<(string Head, List<string> Args, string Tail)> terms)
        {
            var list = terms.Select(t => (t.Head, t.Args, t.Tail, Text: t.Head + "(" + string.Join(", ", t.Args) + ")" + t.Tail)).ToList();
            var one = head + list[0].Text + string.Concat(list.Skip(1).Select(t => ".add(" + t.Text + ", __one)")) + ";";
            if (w.Fits(one)) { w.Line(one); return; }
            w.Line(head.TrimEnd());
            for (int i = 0; i < list.Count; i++)
            {
                var t = list[i];
                var prefix = "    " + (i == 0 ? "" : ".add(");
                var end = (i == 0 ? "" : ", __one)") + (i == list.Count - 1 ? ";" : "");
                if (w.Fits(prefix + t.Text + end)) { w.Line(prefix + t.Text + end); continue; }
                w.Line(prefix + t.Head + "(");
                for (int j = 0; j < t.Args.Count; j++)
                    w.Line("        " + t.Args[j] + (j < t.Args.Count - 1 ? "," : ")" + t.Tail + end));
                if (t.Args.Count == 0) w.Line("        )" + t.Tail + end);
            }
        }

        /// <summary>The inputs summed left to right with an explicit alpha (<c>a.add(b, __one)</c>).</summary>
        internal static string SumOf(IReadOnlyList<string> inputs) =>
            inputs[0] + string.Concat(inputs.Skip(1).Select(i => ".add(" + i + ", __one)"));

        private static string? ParentOf(EmitContext ctx, string plate) =>
            ctx.Plan.Plates.FirstOrDefault(p => p.Name == plate)?.Parent;

        /// <param name="value">The local holding a latent's (cut) particles, by the latent's name.</param>
        private static void EmitStep(CodeWriter w, EmitContext ctx, string plate, EliminationStep step, System.Func<string, string> value)
        {
            if (step.Kind != StepKind.Total)
            {
                // The dims the step's output holds: its particle dims and its plate path (less a summed plate).
                var plates = ctx.Path(plate).Select(p => p.Dim).Where(d => step.Kind != StepKind.PlateSum || d != step.Dims[0]);
                w.Line("// " + ctx.DimList(step.Remaining.Concat(plates)));
            }
            switch (step.Kind)
            {
                case StepKind.LogSumExp:
                    w.Line($"var {step.Output} = ring.LogSumExp(\"{step.Output}\", {step.Inputs[0]}, {step.Eliminated!.Name}, __chunk);");
                    break;
                case StepKind.SumProduct:
                    w.Line($"var {step.Output} = ring.SumProduct(\"{step.Output}\", {step.Inputs[0]}, {step.Inputs[1]}, {step.Eliminated!.Name}, __chunk);");
                    break;
                case StepKind.SumBinary:
                {
                    var other = step.Inputs.Count > 1 ? step.Inputs[1] : "null";
                    var binary = step.Binary!;
                    w.Line($"var {step.Output} = ring.SumBinary(\"{step.Output}\", pDist_{binary.Group}, {value(binary.Latent)}, {step.Inputs[0]}, {other}, {step.Eliminated!.Name}, __L, __chunk);");
                    break;
                }
                case StepKind.PlateSum:
                    w.Line($"var {step.Output} = {step.Inputs[0]}.sum({ctx.DimName(step.Dims[0])}, keepdim: true);");
                    break;
                case StepKind.Total:
                    // With no factors at all (an empty model) the total is a zero in the layout (all dims of size 1).
                    var sum = step.Inputs.Count == 0
                        ? $"{EmitContext.Torch}.zeros(__noFactors, dtype: __work)"
                        : SumOf(step.Inputs);
                    w.Line($"var __total = {sum};");
                    w.Line($"var {step.Output} = ring.Total(\"{step.Output}\", __total, {step.Eliminated!.Name}, __chunk).reshape(__scalar);");
                    w.Line($"return {step.Output}.MoveToOuterDisposeScope();");
                    break;
            }
        }
    }
}
