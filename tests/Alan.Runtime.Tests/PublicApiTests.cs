using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The public surface of Alan.Runtime against the checked-in baseline PublicApi.verified.txt: every public type
    /// (the [EditorBrowsable(Never)] Alan.CompilerServices types that generated code binds to included) and every
    /// public or protected member, one a line, sorted. A change to the surface fails here until the baseline is
    /// updated, so it is made on purpose: generated code compiled against one version of Alan.Runtime binds to these
    /// names. On a mismatch the test writes PublicApi.received.txt beside the baseline; review the difference and copy
    /// it over PublicApi.verified.txt to accept it.
    /// </summary>
    public class PublicApiTests
    {
        private const string BaselineName = "PublicApi";

        [Test]
        public void ThePublicApiMatchesTheBaseline()
        {
            var actual = string.Join("\n", PublicApi.Lines(typeof(Alan.Distribution).Assembly)) + "\n";
            string folder = SourceDirectory();
            string verified = Path.Combine(folder, BaselineName + ".verified.txt");
            string received = Path.Combine(folder, BaselineName + ".received.txt");
            string expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : "";
            if (expected == actual)
            {
                if (File.Exists(received)) File.Delete(received);
                return;
            }
            File.WriteAllText(received, actual);
            var was = expected.Split('\n').Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            var now = actual.Split('\n').Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
            Assert.Fail(
                $"The public API of Alan.Runtime differs from {verified}.\n" +
                $"Removed ({was.Except(now).Count()}):\n" + string.Join("\n", was.Except(now).OrderBy(l => l, StringComparer.Ordinal).Take(40).Select(l => "  - " + l)) + "\n" +
                $"Added ({now.Except(was).Count()}):\n" + string.Join("\n", now.Except(was).OrderBy(l => l, StringComparer.Ordinal).Take(40).Select(l => "  + " + l)) + "\n" +
                $"The current surface is in {received}. If the change is intended (a removed or changed line breaks code built " +
                $"against the previous version, generated code included), accept it:\n  cp \"{received}\" \"{verified}\"");
        }

        /// <summary>This test project's folder in the source tree (where the baseline lives).</summary>
        private static string SourceDirectory([CallerFilePath] string path = "")
        {
            const string project = "Alan.Runtime.Tests.csproj";
            var fromCaller = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(fromCaller) && File.Exists(Path.Combine(fromCaller, project))) return fromCaller;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Alan.Runtime.Tests");
                if (File.Exists(Path.Combine(candidate, project))) return candidate;
            }
            throw new InvalidOperationException($"Cannot locate the folder of {project} (caller path '{path}').");
        }
    }

    /// <summary>
    /// One line per public type and per public or protected member of an assembly, sorted ordinally. Every line starts
    /// with the type's full name, so a type's line (name, then its kind and bases in parentheses) is followed by its
    /// members:
    /// <c>Type.Member(parameters) -&gt; return</c>, <c>Type.Property : type { get; set; }</c>, <c>Type.Field : type</c>,
    /// <c>Type.#ctor(parameters)</c>, with <c>[static]</c>, <c>[virtual]</c> and the like at the end. Types are written as
    /// in C# with namespaces; nullable reference types carry their <c>?</c>.
    /// </summary>
    internal static class PublicApi
    {
        private const BindingFlags Declared =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public static IEnumerable<string> Lines(Assembly assembly)
        {
            var lines = new List<string>();
            foreach (var type in assembly.GetExportedTypes())
            {
                lines.Add(TypeLine(type));
                if (typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate)) continue;
                foreach (var member in type.GetMembers(Declared))
                    if (MemberLine(type, member) is string line) lines.Add(line);
            }
            return lines.Distinct().OrderBy(l => l, StringComparer.Ordinal);
        }

        private static string TypeLine(Type t)
        {
            var traits = new List<string>();
            string kind =
                t.IsEnum ? "enum" :
                t.IsInterface ? "interface" :
                t.IsValueType ? (t.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly struct" : "struct") :
                typeof(Delegate).IsAssignableFrom(t) ? "delegate" :
                t.IsAbstract && t.IsSealed ? "static class" :
                t.IsAbstract ? "abstract class" :
                t.IsSealed ? "sealed class" : "class";
            traits.Add(kind);
            if (t.GetCustomAttribute<EditorBrowsableAttribute>() is { State: var state }) traits.Add($"EditorBrowsable({state})");
            if (t.IsDefined(typeof(ObsoleteAttribute), false)) traits.Add("Obsolete");
            var bases = new List<string>();
            if (t.IsEnum) bases.Add(Name(Enum.GetUnderlyingType(t)));
            else if (t.BaseType is Type b && b != typeof(object) && b != typeof(ValueType) && !typeof(Delegate).IsAssignableFrom(t)) bases.Add(Name(b));
            if (!t.IsEnum) bases.AddRange(t.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
            if (typeof(Delegate).IsAssignableFrom(t) && t.GetMethod("Invoke") is MethodInfo invoke)
                return $"{Name(t)} ({string.Join(", ", traits)}) {Parameters(invoke)} -> {Name(invoke.ReturnParameter)}";
            return $"{Name(t)} ({string.Join(", ", traits)})" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
        }

        private static bool Visible(MethodBase? m, Type owner) =>
            m != null && (m.IsPublic || (!owner.IsSealed && (m.IsFamily || m.IsFamilyOrAssembly)));

        private static string? MemberLine(Type owner, MemberInfo member)
        {
            string prefix = Name(owner) + ".";
            switch (member)
            {
                case ConstructorInfo c when Visible(c, owner) && !c.IsStatic:
                    return prefix + "#ctor" + Parameters(c) + Modifiers(c);
                case MethodInfo m when Visible(m, owner) && !(m.IsSpecialName && !m.Name.StartsWith("op_", StringComparison.Ordinal)):
                    string generic = m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";
                    return prefix + m.Name + generic + Parameters(m) + " -> " + Name(m.ReturnParameter) + Modifiers(m);
                case PropertyInfo p:
                    var get = Visible(p.GetMethod, owner) ? p.GetMethod : null;
                    var set = Visible(p.SetMethod, owner) ? p.SetMethod : null;
                    if (get == null && set == null) return null;
                    // As in C#: the property's accessibility is its widest accessor's (in the modifiers); a narrower accessor says so.
                    static bool Protected(MethodInfo m) => m.IsFamily || m.IsFamilyOrAssembly;
                    var widest = get != null && !Protected(get) ? get : set != null && !Protected(set) ? set : (get ?? set)!;
                    var accessors = new List<string>();
                    if (get != null) accessors.Add((Protected(get) && !Protected(widest) ? "protected " : "") + "get;");
                    if (set != null)
                    {
                        bool init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                        accessors.Add((Protected(set) && !Protected(widest) ? "protected " : "") + (init ? "init;" : "set;"));
                    }
                    var indexer = p.GetIndexParameters();
                    string name = indexer.Length > 0 ? "this[" + string.Join(", ", indexer.Select(Parameter)) + "]" : p.Name;
                    return prefix + name + " : " + Name(p.PropertyType, new NullabilityInfoContext().Create(p)) +
                           " { " + string.Join(" ", accessors) + " }" + Modifiers(widest);
                case FieldInfo f when f.IsPublic || (!owner.IsSealed && (f.IsFamily || f.IsFamilyOrAssembly)):
                    if (owner.IsEnum) return f.IsStatic ? prefix + f.Name + " = " + Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture) : null;
                    var traits = new List<string>();
                    if (f.IsFamily || f.IsFamilyOrAssembly) traits.Add("protected");
                    if (f.IsLiteral) traits.Add("const");
                    else
                    {
                        if (f.IsStatic) traits.Add("static");
                        if (f.IsInitOnly) traits.Add("readonly");
                    }
                    string value = f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : "";
                    return prefix + f.Name + " : " + Name(f.FieldType, new NullabilityInfoContext().Create(f)) + value +
                           (traits.Count > 0 ? " [" + string.Join(", ", traits) + "]" : "");
                case EventInfo e when Visible(e.AddMethod, owner):
                    return prefix + e.Name + " : event " + Name(e.EventHandlerType!) + Modifiers(e.AddMethod!);
                default:
                    return null;
            }
        }

        private static string Modifiers(MethodBase m)
        {
            var traits = new List<string>();
            if (m.IsFamily || m.IsFamilyOrAssembly) traits.Add("protected");
            if (m.IsStatic) traits.Add("static");
            if (m is MethodInfo method && m.IsVirtual && !m.DeclaringType!.IsInterface)
            {
                bool overrides = method.GetBaseDefinition() != method;
                if (m.IsAbstract) traits.Add("abstract");
                else if (overrides) traits.Add(m.IsFinal ? "sealed override" : "override");
                else if (!m.IsFinal) traits.Add("virtual");
            }
            else if (m.IsAbstract && m.IsStatic) traits.Add("abstract");
            return traits.Count > 0 ? " [" + string.Join(", ", traits) + "]" : "";
        }

        private static string Parameters(MethodBase m) => "(" + string.Join(", ", m.GetParameters().Select(Parameter)) + ")";

        private static string Parameter(ParameterInfo p)
        {
            string modifier = "";
            if (p.ParameterType.IsByRef) modifier = p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
            else if (p.IsDefined(typeof(ParamArrayAttribute), false)) modifier = "params ";
            string text = modifier + Name(p) + " " + p.Name;
            if (p.HasDefaultValue) text += " = " + Literal(p.RawDefaultValue);
            return text;
        }

        private static string Literal(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            bool b => b ? "true" : "false",
            char c => "'" + c + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        private static string Name(ParameterInfo p) => Name(p.ParameterType, new NullabilityInfoContext().Create(p));

        private static string Name(Type t) => Name(t, null);

        private static readonly Dictionary<Type, string> Keywords = new()
        {
            [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
            [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
            [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
            [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
            [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
        };

        /// <summary>C# spelling of <paramref name="t"/>, with <c>?</c> where <paramref name="nullability"/> says a reference may be null.</summary>
        private static string Name(Type t, NullabilityInfo? nullability)
        {
            if (t.IsByRef) return Name(t.GetElementType()!, nullability);
            string mark = nullability is { ReadState: NullabilityState.Nullable } && !t.IsValueType ? "?" : "";
            if (t.IsArray) return Name(t.GetElementType()!, nullability?.ElementType) + "[" + new string(',', t.GetArrayRank() - 1) + "]" + mark;
            if (t.IsPointer) return Name(t.GetElementType()!) + "*";
            if (t.IsGenericParameter) return t.Name + mark;
            if (Nullable.GetUnderlyingType(t) is Type underlying) return Name(underlying) + "?";
            if (Keywords.TryGetValue(t, out var keyword)) return keyword + mark;
            var args = t.IsGenericType ? t.GetGenericArguments() : Type.EmptyTypes;
            var argInfos = nullability?.GenericTypeArguments;
            var names = args.Select((a, i) => Name(a, argInfos != null && i < argInfos.Length ? argInfos[i] : null)).ToArray();
            return Qualified(t.IsGenericType ? t.GetGenericTypeDefinition() : t, names) + mark;
        }

        /// <summary>Namespace-qualified name of a (generic definition) type whose generic arguments, outer types' first, are <paramref name="args"/>.</summary>
        private static string Qualified(Type definition, string[] args)
        {
            string simple = definition.Name;
            int tick = simple.IndexOf('`');
            int own = tick < 0 ? 0 : int.Parse(simple[(tick + 1)..], CultureInfo.InvariantCulture);
            if (tick >= 0) simple = simple[..tick];
            int outer = args.Length - own;
            string prefix = definition.IsNested
                ? Qualified(definition.DeclaringType!, args.Take(outer).ToArray())
                : definition.Namespace ?? "";
            string generic = own > 0 ? "<" + string.Join(", ", args.Skip(outer)) + ">" : "";
            return (prefix.Length > 0 ? prefix + "." : "") + simple + generic;
        }
    }
}
