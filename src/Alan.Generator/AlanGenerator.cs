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
    [Generator(LanguageNames.CSharp)]
    public sealed class AlanGenerator : IIncrementalGenerator
    {
        public const string ParseProgramStep = "ParseProgram";
        public const string CheckProgramStep = "CheckProgram";
        public const string ParseProblemStep = "ParseProblem";
        public const string CheckProblemStep = "CheckProblem";
        public const string PlanProblemStep = "PlanProblem";
        public const string StrayDeclarationStep = "StrayDeclaration";

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
                        ? ProgramParser.Parse(t, ct) : null, null))
                .Where(static p => p != null)
                .Select(static (p, _) => p!)
                .WithTrackingName(ParseProgramStep);

            var checkedPrograms = programs
                .Select(static (p, _) => Guard.Run(() => new CheckedProgram(p, ProgramChecker.Check(p)),
                    new CheckedProgram(p, Guard.Failure(p.Root.FullTypeName, p.Root.Location))))
                .WithTrackingName(CheckProgramStep);

            context.RegisterSourceOutput(checkedPrograms, static (spc, checkedProgram) =>
            {
                DiagnosticReporter.Report(spc, checkedProgram.Diagnostics);
                var source = Guard.Run(() => AccessorEmitter.Emit(checkedProgram.Program), null);
                if (source != null) spc.AddSource(HintNames.ForProgram(checkedProgram.Program), source);
            });

            var problems = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.Problem,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (ctx, ct) => Guard.Run(() => ctx.TargetSymbol is INamedTypeSymbol t && ctx.Attributes.Length > 0
                        ? ProblemParser.Parse(t, ctx.Attributes[0], ct) : null, null))
                .Where(static p => p != null)
                .Select(static (p, _) => p!)
                .WithTrackingName(ParseProblemStep);

            var checkedProblems = problems
                .Select(static (p, _) => Guard.Run(() =>
                {
                    var diagnostics = ProblemChecker.Check(p);
                    bool errors = p.P == null || p.Q == null || ProblemChecker.HasProgramErrors(p) || diagnostics.Any(d => Diagnostics.Find(d.Id)?.DefaultSeverity == DiagnosticSeverity.Error);
                    return new CheckedProblem(p, diagnostics, errors);
                }, new CheckedProblem(p, Guard.Failure(p.ClassName, p.Location), true)))
                .WithTrackingName(CheckProblemStep);

            var plans = checkedProblems
                .Select(static (c, _) => c.HasErrors
                    ? new PlanResult(c.Diagnostics, null)
                    : Guard.Run(() => new PlanResult(c.Diagnostics, Planner.Plan(c.Problem)),
                        new PlanResult(Guard.Failure(c.Problem.ClassName, c.Problem.Location), null)))
                .WithTrackingName(PlanProblemStep);

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

            context.RegisterSourceOutput(plans, static (spc, result) =>
            {
                DiagnosticReporter.Report(spc, result.Diagnostics);
                if (result.Plan == null) return;
                var source = Guard.Run(() => ProblemEmitter.Emit(result.Plan), null);
                if (source != null) spc.AddSource(HintNames.ForProblem(result.Plan), source);
            });
        }
    }
}
