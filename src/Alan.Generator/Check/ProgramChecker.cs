using System;
using System.Collections.Generic;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Alan.Generator.Check
{
    /// <summary>
    /// Structural checks of one program root (P or Q) on its own: partial/accessible plates (ALAN001, ALAN019),
    /// static methods returning distributions (ALAN002, ALAN003), tensor arguments (ALAN018), QEM
    /// consistency (ALAN015), groups within one plate (ALAN016), valid input/parameter/group names (ALAN022),
    /// name clashes inside the program (ALAN013), and what generated code cannot express: generic plates
    /// (ALAN026), names of generated members (ALAN027), generic methods (ALAN029), by-reference arguments
    /// (ALAN030), non-finite initial values (ALAN031), non-positive shapes (ALAN032), methods that are both
    /// latent and data (ALAN033), improper data (ALAN044), a support its components do not decide (ALAN045).
    /// </summary>
    internal static class ProgramChecker
    {
        public static EquatableArray<DiagnosticInfo> Check(ProgramModel program)
        {
            if (program?.Root == null) return EquatableArray<DiagnosticInfo>.Empty;
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var container in program.NonPartialContainers)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NonPartialContainer, container.Location, container.Name, program.Root.ClassName));
            foreach (var container in program.GenericContainers)
                diagnostics.Add(CheckUtil.Make(Diagnostics.GenericPlate, program.Root.Location, program.Root.ClassName, $"is nested in the generic type '{container.Name}'"));
            CheckPlate(program.Root, parentAccessible: true, diagnostics);
            CheckGroups(program.Root, diagnostics);
            TimeseriesChecker.CheckProgram(program, diagnostics);
            new NameTable(program).ReportClashes(diagnostics);
            return CheckUtil.Sorted(diagnostics);
        }

        private static void CheckPlate(PlateModel plate, bool parentAccessible, List<DiagnosticInfo> diagnostics)
        {
            var plateName = CheckUtil.PlateDisplay(plate);
            if (!plate.IsPartial)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NonPartialPlate, plate.Location, plateName));
            // Report only the outermost inaccessible plate: its nested plates are unreachable because of it.
            if (!plate.IsAccessible && parentAccessible)
                diagnostics.Add(CheckUtil.Make(Diagnostics.InaccessiblePlate, plate.Location, plateName));
            if (plate.IsGeneric)
                diagnostics.Add(CheckUtil.Make(Diagnostics.GenericPlate, plate.Location, plateName, "has type parameters"));
            if (CheckUtil.S(plate.PlateName).Length > 0)
                CheckReserved(plate.PlateName, "plate class", plate.Location, diagnostics);

            foreach (var input in CheckUtil.Safe(plate.Inputs))
            {
                if (!CheckUtil.IsIdentifier(input.Name))
                    diagnostics.Add(CheckUtil.Make(Diagnostics.InvalidName, input.Location, "[Input]", plateName, input.Name, "[Input(\"Basement\")]"));
                else
                    CheckReserved(input.Name, "[Input] on plate '" + plateName + "'", input.Location, diagnostics);
            }
            foreach (var param in CheckUtil.Safe(plate.Params))
            {
                if (!CheckUtil.IsIdentifier(param.Name))
                    diagnostics.Add(CheckUtil.Make(Diagnostics.InvalidName, param.Location, "[Param]", plateName, param.Name, "[Param(\"Scale\", 0.0)]"));
                CheckParamValues(param, CheckUtil.IsIdentifier(param.Name) ? $"The [Param] '{param.Name}' on plate '{plateName}'" : $"The [Param] on plate '{plateName}'", diagnostics);
            }

            foreach (var v in CheckUtil.Safe(plate.Variables)) CheckVariable(v, plateName, diagnostics);
            foreach (var child in CheckUtil.Safe(plate.Children)) CheckPlate(child, parentAccessible && plate.IsAccessible, diagnostics);
        }

        /// <summary>ALAN003's {3}: what is wrong with the return type and how to fix it.</summary>
        private static string NotADistributionFix(VariableModel v)
        {
            var type = CheckUtil.S(v.ReturnTypeName);
            int generic = type.IndexOf('<');
            if (generic >= 0) type = type.Substring(0, generic);
            int dot = type.LastIndexOf('.');
            var shortName = dot >= 0 ? type.Substring(dot + 1) : type;
            return v.Defect switch
            {
                DistributionDefect.MissingAttribute =>
                    $"which derives from Alan.Distribution but has no [Distribution] attribute of its own; declare its support on the class, "
                    + $"e.g. [Distribution(Support.Real, Reparameterised = true)] public sealed class {shortName} (see docs/custom-distributions.md)",
                DistributionDefect.NotDerived =>
                    "which is not an Alan distribution: it has [Distribution] but does not derive from Alan.Distribution; "
                    + "derive it from Alan.Distribution and override LogProbCore and SampleCore (see docs/custom-distributions.md)",
                _ => "which is not an Alan distribution; return a distribution type such as Alan.Normal, Alan.Gamma or Alan.Bernoulli",
            };
        }

        private static void CheckVariable(VariableModel v, string plateName, List<DiagnosticInfo> diagnostics)
        {
            var name = CheckUtil.S(v.Name);
            var attribute = CheckUtil.AttributeName(v.Kind);
            if (!v.IsStatic)
                diagnostics.Add(CheckUtil.Make(Diagnostics.VariableNotStatic, v.Location, name, attribute));
            if (v.Distribution == null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NotADistribution, v.Location, name, attribute, v.ReturnTypeName, NotADistributionFix(v)));
            else if (v.Distribution.ComponentProblem is { } problem)
                diagnostics.Add(CheckUtil.Make(Diagnostics.ComponentSupport, v.Location, name, v.Distribution.ShortName, problem.Reason, problem.Fix));
            else if (v.Distribution.Improper && v.Kind == VariableKind.Data)
                diagnostics.Add(CheckUtil.Make(Diagnostics.ImproperOutsidePLatent, v.Location, name, "an observed [Data] variable", v.Distribution.ShortName,
                    "give it a proper distribution of the data's support (Normal for real values, Gamma or LogNormal for positive ones)"));
            else if (v.Distribution.Transformed != null)
                TransformedChecker.Check(v.Distribution.Transformed, v.Location, name, diagnostics);
            if (v.IsGeneric)
                diagnostics.Add(CheckUtil.Make(Diagnostics.GenericVariable, v.Location, name, attribute));
            if (v.HasBothAttributes)
                diagnostics.Add(CheckUtil.Make(Diagnostics.LatentAndData, v.Location, name));
            if (name.Length > 0)
                CheckReserved(name, CheckUtil.KindName(v.Kind), v.Location, diagnostics);
            var group = CheckUtil.S(v.Group);
            if (group.Length > 0 && !SyntaxFacts.IsValidIdentifier(group))
                diagnostics.Add(CheckUtil.Make(Diagnostics.InvalidName, v.Location, $"The Group of [Latent] '{name}'", plateName, group, "Group = \"g\""));

            ArgumentModel? qem = null;
            foreach (var a in CheckUtil.Safe(v.Arguments))
            {
                if (!a.IsTensor)
                    diagnostics.Add(CheckUtil.Make(Diagnostics.ArgumentNotTensor, a.Location, a.Name, name, a.TypeName));
                if (CheckUtil.S(a.RefKind).Length > 0)
                    diagnostics.Add(CheckUtil.Make(Diagnostics.ByRefArgument, a.Location, a.Name, name, a.RefKind));
                if (a.Param != null)
                {
                    var what = $"The [{(a.Param.IsQem ? "QemParam" : "Param")}] of argument '{a.Name}' of '{name}'";
                    if (CheckUtil.S(a.Param.Name).Length > 0 && !SyntaxFacts.IsValidIdentifier(a.Param.Name!))
                        diagnostics.Add(CheckUtil.Make(Diagnostics.InvalidName, a.Location, what, plateName, a.Param.Name, "Name = \"Scale\""));
                    CheckParamValues(a.Param, what, diagnostics);
                }
                if (qem == null && a.Param != null && a.Param.IsQem) qem = a;
            }
            if (qem != null)
            {
                bool mixed = false;
                foreach (var a in CheckUtil.Safe(v.Arguments))
                    if (a.Param == null || !a.Param.IsQem)
                    {
                        diagnostics.Add(CheckUtil.Make(Diagnostics.QemMixed, a.Location, a.Name, name, qem.Name));
                        mixed = true;
                    }
                if (!mixed && v.Distribution != null) CheckQemFamily(v, name, diagnostics);
            }
        }

        /// <summary>ALAN027: plate, variable and input names become properties of generated types next to their own members.</summary>
        private static void CheckReserved(string name, string what, LocationInfo location, List<DiagnosticInfo> diagnostics)
        {
            if (ReservedNames.IsReservedForMember(name))
                diagnostics.Add(CheckUtil.Make(Diagnostics.ReservedName, location, name, what, ReservedNames.MemberList));
        }

        /// <summary>ALAN031/ALAN032: a parameter's initial value is finite and its event shape positive.</summary>
        private static void CheckParamValues(ParamModel param, string what, List<DiagnosticInfo> diagnostics)
        {
            if (double.IsNaN(param.Init) || double.IsInfinity(param.Init))
            {
                var value = double.IsNaN(param.Init) ? "double.NaN" : param.Init > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
                diagnostics.Add(CheckUtil.Make(Diagnostics.NonFiniteInit, param.Location, what, value));
            }
            foreach (var size in param.Shape)
                if (size < 1)
                {
                    var shape = "new long[] { " + string.Join(", ", param.Shape.Items) + " }";
                    diagnostics.Add(CheckUtil.Make(Diagnostics.NonPositiveShape, param.Location, what, shape));
                    break;
                }
            CheckInit(param, what, diagnostics);
        }

        /// <summary>
        /// ALAN051: an InitFrom member that cannot be read, an identity without a square event shape, two initialisers;
        /// ALAN050: a covariance or scale-tril parameter that starts singular (a constant, or a non-positive identity scale).
        /// </summary>
        private static void CheckInit(ParamModel param, string what, List<DiagnosticInfo> diagnostics)
        {
            var attribute = param.IsQem ? "QemParam" : "Param";
            if (param.InitFrom is { } source)
            {
                if (source.Problem.Length > 0)
                    diagnostics.Add(CheckUtil.Make(Diagnostics.UnusableInit, param.Location, what,
                        $"has InitFrom = \"{source.Member}\", which {source.Problem}",
                        "name a static field, property or parameterless method of the plate class of type Tensor or double[] (InitFrom = nameof(PriorMean))"));
                if (param.HasValue || param.Identity)
                    diagnostics.Add(CheckUtil.Make(Diagnostics.UnusableInit, param.Location, what,
                        $"has InitFrom and also {(param.Identity ? "Init = ParamInit.Identity" : "an initial value")}",
                        $"keep one initialiser: [{attribute}(InitFrom = ...)] starts from the member's value alone"));
                return;
            }
            var shape = param.Shape;
            bool square = shape.Count >= 2 && shape[shape.Count - 1] == shape[shape.Count - 2];
            if (param.Identity && !square)
                diagnostics.Add(CheckUtil.Make(Diagnostics.UnusableInit, param.Location, what,
                    $"has Init = ParamInit.Identity but its event shape is {(shape.Count == 0 ? "empty" : "[" + string.Join(", ", shape.Items) + "]")}",
                    "give Shape = new long[] { n, n } (identity matrices over the last two event dims), or drop Init"));
            if (param.MatrixArgument.Length == 0 || !param.HasValue || double.IsNaN(param.Init) || double.IsInfinity(param.Init)) return;
            var value = param.Init.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (param.Identity && param.Init <= 0)
                diagnostics.Add(CheckUtil.Make(Diagnostics.SingularMatrixInit, param.Location, what, param.MatrixArgument, value + " times the identity",
                    "give a positive scale, or drop the value to start at the identity"));
            else if (!param.Identity && !(param.Init > 0 && shape.Count >= 2 && shape[shape.Count - 1] == 1 && shape[shape.Count - 2] == 1))
                diagnostics.Add(CheckUtil.Make(Diagnostics.SingularMatrixInit, param.Location, what, param.MatrixArgument, "the constant " + value + " in every element",
                    $"drop the value ([{attribute}(Shape = ...)] starts at the identity) or write [{attribute}(Init = ParamInit.Identity, Shape = ...)]"));
        }

        /// <summary>ALAN023/ALAN024: QEM needs a supported family and one QEM argument per conventional parameter.</summary>
        private static void CheckQemFamily(VariableModel v, string name, List<DiagnosticInfo> diagnostics)
        {
            var distribution = v.Distribution!;
            if (distribution.Qem == null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.QemUnsupported, v.Location, name, distribution.ShortName, string.Join(", ", distribution.QemSupported)));
            else if (QemArguments.Map(distribution.Qem.Parameters.Items, v.Arguments.Items) == null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.QemArguments, v.Location, name, distribution.ShortName, string.Join(", ", distribution.Qem.Parameters)));
        }

        /// <summary>ALAN016: every latent of a group lives on the plate of the group's first latent.</summary>
        private static void CheckGroups(PlateModel root, List<DiagnosticInfo> diagnostics)
        {
            var groupPlate = new Dictionary<string, PlateModel>(StringComparer.Ordinal);
            Visit(root);

            void Visit(PlateModel plate)
            {
                foreach (var v in CheckUtil.Safe(plate.Variables))
                {
                    var group = CheckUtil.S(v.Group);
                    if (group.Length == 0) continue;
                    if (!groupPlate.TryGetValue(group, out var first)) groupPlate[group] = plate;
                    else if (!ReferenceEquals(first, plate))
                        diagnostics.Add(CheckUtil.Make(Diagnostics.GroupSpansPlates, v.Location,
                            v.Name, group, CheckUtil.PlateDisplay(plate), CheckUtil.PlateDisplay(first)));
                }
                foreach (var child in CheckUtil.Safe(plate.Children)) Visit(child);
            }
        }
    }
}
