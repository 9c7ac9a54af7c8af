using System;
using System.Linq;
using Alan.Generator.Check;
using Alan.Generator.Emit;
using Alan.Generator.Model;
using Alan.Generator.Parse;
using Alan.Generator.Plan;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alan.Generator
{
    /// <summary>
    /// The Alan incremental generator. Two pipelines:
    /// program roots ([Plate] classes) get accessor partials and structural diagnostics;
    /// problems ([Problem] classes) are parsed, checked, planned and emitted.
    /// </summary>
    /// <summary>A derived guide's file and parsed program, for its source output.</summary>
    internal sealed record DerivedGuideOutput(string Source, ProgramModel Q);

    [Generator(LanguageNames.CSharp)]
    public sealed class AlanGenerator : IIncrementalGenerator
    {
        public const string ParseProgramStep = "ParseProgram";
        public const string CheckProgramStep = "CheckProgram";
        public const string ParseProblemStep = "ParseProblem";
        public const string CheckProblemStep = "CheckProblem";
        public const string PlanProblemStep = "PlanProblem";
        public const string StrayDeclarationStep = "StrayDeclaration";
        /// <summary>The per-program and per-problem diagnostics, reported apart from the generated sources.</summary>
        public const string ReportDiagnosticsStep = "ReportDiagnostics";
        /// <summary>ALAN042, the cost report (an info diagnostic at the problem class), from its own output.</summary>
        public const string ReportCostStep = "ReportCost";
        /// <summary>The native heap policy read from the MSBuild properties (<see cref="NativeHeapSettings"/>).</summary>
        public const string NativeHeapStep = "NativeHeap";
        /// <summary>The guides derived for <c>[Problem(typeof(P))]</c> problems, added with their accessors.</summary>
        public const string DerivedGuideStep = "DerivedGuide";

        /// <summary>
        /// A partial class may carry [Plate] on one of its parts only, and half-typed code can briefly declare
        /// the same class twice: parse a program once, from the declaration holding its first [Plate].
        /// </summary>
        private static bool IsFirstPlateDeclaration(GeneratorAttributeSyntaxContext ctx, INamedTypeSymbol type)
        {
            var attribute = type.FindAttribute(KnownNames.Plate);
            var syntax = attribute?.ApplicationSyntaxReference;
            if (syntax == null) return true;
            return syntax.SyntaxTree == ctx.TargetNode.SyntaxTree && ctx.TargetNode.Span.Contains(syntax.Span);
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var programs = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Plate,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, ct) => Guard.Run(() => ctx.TargetSymbol is INamedTypeSymbol { TypeKind: TypeKind.Class } t && t.IsProgramRoot() && IsFirstPlateDeclaration(ctx, t)
                        ? ProgramParser.Parse(t, ctx.SemanticModel.Compilation, ct) : null, null))
                .Where(static p => p != null)
                .Select(static (p, _) => p!)
                .WithTrackingName(ParseProgramStep);

            var checkedPrograms = programs
                .Select(static (p, _) => Guard.Run(() => new CheckedProgram(p, ProgramChecker.Check(p)),
                    e => new CheckedProgram(p, Guard.Failure(p.Root.FullTypeName, p.Root.Location, e)),
                    new CheckedProgram(p, EquatableArray<DiagnosticInfo>.Empty)))
                .WithTrackingName(CheckProgramStep);

            // Diagnostics have their own outputs, apart from the sources: an edit that changes only generated code
            // does not report them again, and one that moves them (a line inserted above) re-reports them exactly.
            var programDiagnostics = checkedPrograms
                .Select(static (c, _) => c.Diagnostics)
                .WithTrackingName(ReportDiagnosticsStep);
            context.RegisterSourceOutput(programDiagnostics, static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

            context.RegisterSourceOutput(programs, static (spc, program) =>
            {
                var source = Guard.Run(() => AccessorEmitter.Emit(program),
                    e => { DiagnosticReporter.Report(spc, Guard.Failure(program.Root.FullTypeName, program.Root.Location, e)); return null; },
                    null);
                if (source != null) spc.AddSource(HintNames.ForProgram(program), source);
            });

            // Whether each program has errors of its own, computed once per program (by the check above) for the problems using it.
            var programStatuses = checkedPrograms
                .Select(static (c, _) => new ProgramStatus(c.Program.Root.FullTypeName, HasErrors(c.Diagnostics)))
                .Collect()
                .Select(static (all, _) => all.ToEquatableArray());

            var problems = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Problem,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, ct) => Guard.Run(() => ctx.TargetSymbol is INamedTypeSymbol t && ctx.Attributes.Length > 0
                        ? ProblemParser.Parse(t, ctx.Attributes[0], ctx.SemanticModel.Compilation, ct) : null, null))
                .Where(static p => p != null)
                .Select(static (p, _) => p!)
                .WithTrackingName(ParseProblemStep);

            var checkedProblems = problems
                .Select(static (p, _) => Guard.Run(() =>
                {
                    var (diagnostics, bound) = ProblemChecker.Check(p);
                    return new CheckedProblem(p, diagnostics, bound);
                }, e => new CheckedProblem(p, Guard.Failure(p.ClassName, p.Location, e), null),
                    new CheckedProblem(p, EquatableArray<DiagnosticInfo>.Empty, null)))
                .WithTrackingName(CheckProblemStep);

            // The plan holds no locations (a line inserted above a model leaves it equal); the problem's location
            // travels beside it, for the cost report only.
            var planned = checkedProblems
                .Combine(programStatuses)
                .Select(static (input, _) =>
                {
                    var (c, statuses) = input;
                    if (c.Bound == null || Guard.Run(() => ProgramsHaveErrors(c.Problem, statuses), true)) return (new PlanResult(c.Diagnostics, null), c.Problem.Location, (DerivedGuideOutput?)null);
                    var result = Guard.Run(() => new PlanResult(c.Diagnostics, Planner.Plan(c.Bound)),
                        e => new PlanResult(c.Diagnostics.Concat(Guard.Failure(c.Problem.ClassName, c.Problem.Location, e)).ToEquatableArray(), null),
                        new PlanResult(c.Diagnostics, null));
                    // A derived guide is added with its problem's code only: the file is part of the problem's partial class.
                    var guide = result.Plan != null && c.Problem.Derived != null && c.Problem.Q != null
                        ? new DerivedGuideOutput(c.Problem.Derived.Source, c.Problem.Q)
                        : null;
                    return (result, c.Problem.Location, guide);
                });

            var derivedGuides = planned
                .Select(static (p, _) => p.Item3)
                .Where(static g => g != null)
                .Select(static (g, _) => g!)
                .WithTrackingName(DerivedGuideStep);
            context.RegisterSourceOutput(derivedGuides, static (spc, guide) =>
            {
                var accessors = Guard.Run(() => AccessorEmitter.Emit(guide.Q),
                    e => { DiagnosticReporter.Report(spc, Guard.Failure(guide.Q.Root.FullTypeName, LocationInfo.None, e)); return null; },
                    null);
                if (accessors == null) return;
                spc.AddSource(HintNames.ForDerivedGuide(guide.Q), guide.Source);
                spc.AddSource(HintNames.ForProgram(guide.Q), accessors);
            });
            var plans = planned
                .Select(static (p, _) => p.Item1)
                .WithTrackingName(PlanProblemStep);

            var costReports = planned
                .Select(static (p, _) => p.Item1.Plan is { } plan
                    ? Guard.Run(() => CostReport.Make(plan, p.Item2), e => Guard.Failure(plan.ClassName, p.Item2, e), EquatableArray<DiagnosticInfo>.Empty)
                    : EquatableArray<DiagnosticInfo>.Empty)
                .WithTrackingName(ReportCostStep);
            context.RegisterSourceOutput(costReports, static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

            var problemDiagnostics = plans
                .Select(static (r, _) => r.Diagnostics)
                .WithTrackingName(ReportDiagnosticsStep);
            context.RegisterSourceOutput(problemDiagnostics, static (spc, diagnostics) => DiagnosticReporter.Report(spc, diagnostics));

            var problemPlans = plans
                .Select(static (r, _) => r.Plan)
                .Where(static p => p != null)
                .Select(static (p, _) => p!);
            context.RegisterSourceOutput(problemPlans, static (spc, plan) =>
            {
                var parts = Guard.Run(() => ProblemEmitter.Emit(plan),
                    e => { DiagnosticReporter.Report(spc, Guard.Failure(plan.ClassName, LocationInfo.None, e)); return null; },
                    null);
                if (parts != null)
                    foreach (var part in parts) spc.AddSource(HintNames.ForProblem(plan, part.Part), part.Source);
            });

            // The native heap policy (MSBuild AlanNativeHeap, else reuse for executables only), its ALAN043 when the
            // value is unknown, and one module initializer per assembly whose policy is reuse: every such assembly
            // that declares a problem, and with reuse set explicitly any assembly that references Alan.Runtime.
            var heapSettings = context.AnalyzerConfigOptionsProvider
                .Combine(context.CompilationProvider.Select(static (c, _) => c.Options.OutputKind))
                .Select(static (input, _) => Guard.Run(() => NativeHeapSettings.From(input.Left.GlobalOptions, input.Right),
                    new NativeHeapSettings(false, false, null)))
                .WithTrackingName(NativeHeapStep);
            context.RegisterSourceOutput(heapSettings.Select(static (s, _) => s.Error), static (spc, error) =>
            {
                if (error != null) DiagnosticReporter.Report(spc, new[] { error }.ToEquatableArray());
            });
            var referencesRuntime = context.CompilationProvider
                .Select(static (c, _) => Guard.Run(() => c.GetTypeByMetadataName(NativeHeapSettings.SetupTypeName) != null, false));
            var hasProblems = problemPlans.Collect().Select(static (all, _) => all.Length > 0);
            var emitInitializer = hasProblems.Combine(heapSettings).Combine(referencesRuntime)
                .Select(static (input, _) =>
                {
                    var ((any, settings), runtime) = input;
                    return settings.Reuse && (any || (settings.Explicit && runtime));
                });
            context.RegisterSourceOutput(emitInitializer, static (spc, emit) =>
            {
                if (emit) spc.AddSource(ModuleInitializerEmitter.HintName, ModuleInitializerEmitter.Emit());
            });

            // [Plate] classes and [Latent]/[Data] methods outside any program (ALAN034).
            var strayPlates = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Plate,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, _) => Guard.Run(() => ctx.TargetSymbol is INamedTypeSymbol t && IsFirstPlateDeclaration(ctx, t) ? StrayDeclarations.ForPlate(t) : null, null));
            var strayLatents = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Latent,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    static (ctx, _) => Guard.Run(() => ctx.TargetSymbol is IMethodSymbol m ? StrayDeclarations.ForVariable(m, "Latent") : null, null));
            var strayData = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Data,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    static (ctx, _) => Guard.Run(() => ctx.TargetSymbol is IMethodSymbol m ? StrayDeclarations.ForVariable(m, "Data") : null, null));
            foreach (var stray in new[] { strayPlates, strayLatents, strayData })
            {
                var found = stray.Where(static d => d != null).Select(static (d, _) => d!).WithTrackingName(StrayDeclarationStep);
                context.RegisterSourceOutput(found, static (spc, d) => DiagnosticReporter.Report(spc, new[] { d }.ToEquatableArray()));
            }
        }

        private static bool HasErrors(EquatableArray<DiagnosticInfo> diagnostics) =>
            diagnostics.Any(d => (Diagnostics.Find(d.Id) ?? Diagnostics.InternalError).DefaultSeverity == DiagnosticSeverity.Error);

        /// <summary>
        /// True when P or Q has errors of its own (reported on the program pipeline), so the problem gets no code.
        /// A program the program pipeline does not see (not declared as a class in this compilation) is checked here.
        /// </summary>
        private static bool ProgramsHaveErrors(ProblemModel problem, EquatableArray<ProgramStatus> statuses)
        {
            foreach (var program in new[] { problem.P, problem.Q })
            {
                if (program == null) return true;
                bool seen = false;
                foreach (var status in statuses)
                    if (status.FullTypeName == program.Root.FullTypeName)
                    {
                        seen = true;
                        if (status.HasErrors) return true;
                    }
                if (!seen && HasErrors(ProgramChecker.Check(program))) return true;
            }
            return false;
        }
    }
}
