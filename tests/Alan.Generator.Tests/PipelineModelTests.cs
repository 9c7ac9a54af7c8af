using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// The values flowing between pipeline steps must be cacheable (DESIGN 5.1): they hold no Roslyn symbols,
    /// syntax, compilations or locations (which would keep compilations alive and defeat caching), and they
    /// compare by value, so rerunning a step on an equal input yields an Equals-equal output.
    /// </summary>
    [TestFixture]
    public class PipelineModelTests
    {
        /// <summary>Roslyn types that must not be reachable from a pipeline model (and anything assignable to them).</summary>
        private static readonly Type[] Forbidden =
        {
            typeof(ISymbol),
            typeof(SyntaxNode),
            typeof(SyntaxTree),
            typeof(Compilation),
            typeof(SemanticModel),
            typeof(Location),
            typeof(SyntaxToken),
            typeof(SyntaxTrivia),
            typeof(SyntaxReference),
            typeof(AttributeData),
            typeof(TypedConstant),
            typeof(Diagnostic),
            typeof(DiagnosticDescriptor),
            typeof(GeneratorAttributeSyntaxContext),
        };

        public static IEnumerable<TestCaseData> Models() => GeneratedCodeSnapshotTests.Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

        private static GeneratorRunResult RunResult(HarnessResult r) => r.Driver.GetRunResult().Results[0];

        /// <summary>(step name, output value) of every output of every named step.</summary>
        private static List<(string Step, object Value)> StepOutputs(HarnessResult r)
        {
            var result = RunResult(r);
            var outputs = new List<(string, object)>();
            foreach (var name in IncrementalityTests.StepNames)
            {
                Assert.That(result.TrackedSteps.ContainsKey(name), Is.True, $"step {name} was not tracked");
                foreach (var step in result.TrackedSteps[name])
                    foreach (var output in step.Outputs)
                        outputs.Add((name, output.Value));
            }
            return outputs;
        }

        private static string? ForbiddenMatch(Type type) =>
            Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type))?.Name;

        // ---------------------------------------------------------------- declared types

        /// <summary>
        /// Walks the declared types of all instance fields (records' properties are backed by fields; tuples, nullable
        /// values, arrays, ImmutableArray and EquatableArray are reached through their fields or element types)
        /// and collects every problem found, as "path: reason".
        /// </summary>
        private static void WalkType(Type type, string path, HashSet<Type> visited, List<string> problems, HashSet<Type> modelTypes)
        {
            var forbidden = ForbiddenMatch(type);
            if (forbidden != null)
            {
                problems.Add($"{path}: declared type {type} is a {forbidden}");
                return;
            }
            if (type.IsAbstract && !type.IsInterface && type.Assembly == typeof(AlanGenerator).Assembly && !type.IsPublic)
            {
                // A closed hierarchy of the generator's own (an internal abstract record, e.g. the plan's PlateStep): no
                // other assembly can derive from it, so walking every derived type it declares covers every value.
                if (!visited.Add(type)) return;
                foreach (var derived in type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)))
                    WalkType(derived, path + "<" + derived.Name + ">", visited, problems, modelTypes);
                return;
            }
            if (type == typeof(object) || type.IsInterface || (type.IsAbstract && !type.IsSealed && type != typeof(Array)))
            {
                // Any value could hide behind object, an interface or an abstract class; only the value walk can check it.
                if (type != typeof(object) && !IsKnownSafeAbstraction(type))
                    problems.Add($"{path}: declared type {type} is open-ended (cannot be checked statically)");
                return;
            }
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsPointer) return;
            if (!visited.Add(type)) return;
            if (type.IsArray)
            {
                WalkType(type.GetElementType()!, path + "[]", visited, problems, modelTypes);
                return;
            }
            if (typeof(Delegate).IsAssignableFrom(type))
            {
                problems.Add($"{path}: declared type {type} is a delegate");
                return;
            }
            if (type.Assembly == typeof(AlanGenerator).Assembly) modelTypes.Add(type);
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                WalkType(field.FieldType, path + "." + DisplayName(field), visited, problems, modelTypes);
        }

        /// <summary>Abstractions whose implementations in the BCL hold no Roslyn objects (the equality comparers of records).</summary>
        private static bool IsKnownSafeAbstraction(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEqualityComparer<>);

        private static string DisplayName(FieldInfo field)
        {
            // "<Name>k__BackingField" -> "Name"
            var name = field.Name;
            if (name.StartsWith("<", StringComparison.Ordinal))
            {
                int end = name.IndexOf('>');
                if (end > 1) return name.Substring(1, end - 1);
            }
            return name;
        }

        // ---------------------------------------------------------------- runtime values

        /// <summary>Walks the object graph of a value (runtime types), collecting forbidden objects.</summary>
        private static void WalkValue(object? value, string path, HashSet<object> visited, List<string> problems, int depth = 0)
        {
            if (value == null) return;
            var type = value.GetType();
            var forbidden = ForbiddenMatch(type);
            if (forbidden != null)
            {
                problems.Add($"{path}: value of type {type} is a {forbidden}");
                return;
            }
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal) return;
            if (depth > 64)
            {
                problems.Add($"{path}: object graph deeper than 64 levels");
                return;
            }
            if (!type.IsValueType && !visited.Add(value)) return;
            if (value is Delegate)
            {
                problems.Add($"{path}: value is a delegate ({type})");
                return;
            }
            if (value is Array array)
            {
                int i = 0;
                foreach (var item in array) WalkValue(item, $"{path}[{i++}]", visited, problems, depth + 1);
                return;
            }
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                WalkValue(field.GetValue(value), path + "." + DisplayName(field), visited, problems, depth + 1);
        }

        [TestCaseSource(nameof(Models))]
        public void StepOutputs_HoldNoRoslynObjects(GeneratedCodeSnapshotTests.Case c)
        {
            var r = GeneratorHarness.Run(c.Source);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            var outputs = StepOutputs(r);
            Assert.That(outputs.Select(o => o.Step).Distinct(), Is.EquivalentTo(IncrementalityTests.StepNames));

            var problems = new List<string>();
            var visitedTypes = new HashSet<Type>();
            var modelTypes = new HashSet<Type>();
            var visitedValues = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var (step, value) in outputs)
            {
                WalkType(value.GetType(), step + ":" + value.GetType().Name, visitedTypes, problems, modelTypes);
                WalkValue(value, step + ":" + value.GetType().Name, visitedValues, problems);
            }
            Assert.That(problems, Is.Empty, string.Join("\n", problems));
            Assert.That(modelTypes, Is.Not.Empty);
        }

        /// <summary>The declared types alone (whatever a particular model happens to contain) are free of Roslyn objects.</summary>
        [Test]
        public void StepOutputTypes_DeclareNoRoslynObjects()
        {
            var problems = new List<string>();
            var modelTypes = new HashSet<Type>();
            var visited = new HashSet<Type>();
            foreach (var type in StepOutputTypes()) WalkType(type, type.Name, visited, problems, modelTypes);
            Assert.That(problems, Is.Empty, string.Join("\n", problems));
        }

        /// <summary>The runtime types of the outputs of all named steps, over all snapshot models.</summary>
        private static IEnumerable<Type> StepOutputTypes() =>
            GeneratedCodeSnapshotTests.Cases
                .SelectMany(c => StepOutputs(GeneratorHarness.Run(c.Source)))
                .Select(o => o.Value.GetType())
                .Distinct();

        /// <summary>
        /// Every generator type reachable from a step output compares by value: it overrides Equals(object) (records,
        /// EquatableArray) and implements IEquatable of itself; enums are exempt.
        /// </summary>
        [Test]
        public void ModelTypes_HaveValueEquality()
        {
            var problems = new List<string>();
            var modelTypes = new HashSet<Type>();
            var visited = new HashSet<Type>();
            foreach (var type in StepOutputTypes()) WalkType(type, type.Name, visited, problems, modelTypes);
            Assert.That(modelTypes, Is.Not.Empty);
            var bad = new List<string>();
            foreach (var type in modelTypes.Where(t => !t.IsEnum).OrderBy(t => t.FullName))
            {
                var equals = type.GetMethod(nameof(Equals), BindingFlags.Instance | BindingFlags.Public, null, new[] { typeof(object) }, null);
                if (equals == null || equals.DeclaringType == typeof(object) || equals.DeclaringType == typeof(ValueType))
                    bad.Add($"{type}: does not override Equals(object)");
                if (!typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type))
                    bad.Add($"{type}: does not implement IEquatable<{type.Name}>");
                var getHashCode = type.GetMethod(nameof(GetHashCode), BindingFlags.Instance | BindingFlags.Public, null, Type.EmptyTypes, null);
                if (getHashCode == null || getHashCode.DeclaringType == typeof(object) || getHashCode.DeclaringType == typeof(ValueType))
                    bad.Add($"{type}: does not override GetHashCode()");
            }
            Assert.That(bad, Is.Empty, string.Join("\n", bad));
        }

        /// <summary>Each model type that is a class is a record (it has the compiler-generated EqualityContract).</summary>
        [Test]
        public void ModelClasses_AreRecords()
        {
            var problems = new List<string>();
            var modelTypes = new HashSet<Type>();
            foreach (var type in StepOutputTypes()) WalkType(type, type.Name, new HashSet<Type>(), problems, modelTypes);
            var notRecords = modelTypes
                .Where(t => t.IsClass && t.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) == null)
                .Select(t => t.FullName)
                .ToList();
            Assert.That(notRecords, Is.Empty);
        }

        /// <summary>
        /// Two independent compilations of the same source yield Equals-equal outputs (with equal hash codes) at every
        /// named step: nothing in the models compares by reference.
        /// </summary>
        [TestCaseSource(nameof(Models))]
        public void ParsingTheSameSourceTwice_YieldsEqualModels(GeneratedCodeSnapshotTests.Case c)
        {
            var first = StepOutputs(GeneratorHarness.Run(c.Source));
            var second = StepOutputs(GeneratorHarness.Run(c.Source));
            Assert.That(second.Count, Is.EqualTo(first.Count));
            Assert.Multiple(() =>
            {
                for (int i = 0; i < first.Count; i++)
                {
                    Assert.That(second[i].Step, Is.EqualTo(first[i].Step));
                    Assert.That(ReferenceEquals(first[i].Value, second[i].Value), Is.False, first[i].Step);
                    Assert.That(second[i].Value, Is.EqualTo(first[i].Value), $"{first[i].Step} output {i}");
                    Assert.That(second[i].Value.GetHashCode(), Is.EqualTo(first[i].Value.GetHashCode()), $"{first[i].Step} output {i} hash");
                }
            });
        }

        /// <summary>A different model yields a different (not Equals-equal) parsed problem: equality is not vacuous.</summary>
        [Test]
        public void DifferentSources_YieldDifferentModels()
        {
            var intro = StepOutputs(GeneratorHarness.Run(SnapshotModels.Intro)).Single(o => o.Step == AlanGenerator.ParseProblemStep).Value;
            var changed = StepOutputs(GeneratorHarness.Run(SnapshotModels.Intro.Replace("Tensor logScale) => new(loc, logScale.exp())", "Tensor logSd) => new(loc, logSd.exp())")))
                .Single(o => o.Step == AlanGenerator.ParseProblemStep).Value;
            Assert.That(changed, Is.Not.EqualTo(intro));
        }

        /// <summary>Sanity check of the walker itself: it does flag a symbol and a location hidden in a record.</summary>
        [Test]
        public void Walker_FlagsForbiddenMembers()
        {
            var problems = new List<string>();
            WalkType(typeof(BadModel), "BadModel", new HashSet<Type>(), problems, new HashSet<Type>());
            Assert.That(problems, Has.Some.Contains("Symbol").And.Some.Contains("Where").And.Some.Contains("Nodes"), string.Join("\n", problems));
            var compilation = GeneratorHarness.CreateCompilation("class C { }");
            var valueProblems = new List<string>();
            WalkValue(new BadValue(compilation.GetTypeByMetadataName("C")!), "BadValue", new HashSet<object>(ReferenceEqualityComparer.Instance), valueProblems);
            Assert.That(valueProblems, Has.Some.Contains("Payload"), string.Join("\n", valueProblems));
        }

        private sealed record BadModel(string Name, ISymbol Symbol, (int, Location) Where, SyntaxNode[] Nodes);

        private sealed record BadValue(object Payload);
    }
}
