using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alan.Generator.Check
{
    /// <summary>Small helpers shared by the checkers.</summary>
    internal static class CheckUtil
    {
        private static readonly string[] SupportNames =
        {
            "Real", "Positive", "Interval", "UnitInterval", "Simplex", "Binary", "BoundedCount", "Category", "Count",
            "Ordered", "PositiveOrdered",
        };

        public static string S(string? s) => s ?? "";

        public static DiagnosticInfo Make(DiagnosticDescriptor descriptor, LocationInfo? location, params string?[] arguments) =>
            new DiagnosticInfo(descriptor.Id, location ?? LocationInfo.None, arguments.Select(S).ToEquatableArray());

        /// <summary>Deterministic order: file, position, id, arguments; exact duplicates removed.</summary>
        public static EquatableArray<DiagnosticInfo> Sorted(IEnumerable<DiagnosticInfo> diagnostics)
        {
            var list = diagnostics.Distinct().ToList();
            list.Sort(Compare);
            return list.ToEquatableArray();
        }

        private static int Compare(DiagnosticInfo a, DiagnosticInfo b)
        {
            var la = a.Location ?? LocationInfo.None;
            var lb = b.Location ?? LocationInfo.None;
            int c = string.CompareOrdinal(la.FilePath ?? "", lb.FilePath ?? "");
            if (c != 0) return c;
            c = la.Span.Start.CompareTo(lb.Span.Start);
            if (c != 0) return c;
            c = la.Span.Length.CompareTo(lb.Span.Length);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Id, b.Id);
            if (c != 0) return c;
            return string.CompareOrdinal(string.Join("\u0001", a.Arguments.Items), string.Join("\u0001", b.Arguments.Items));
        }

        public static string SupportName(int support) =>
            support >= 0 && support < SupportNames.Length ? SupportNames[support] : support.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A name usable as a C# identifier without escaping (no keywords).</summary>
        public static bool IsIdentifier(string? name) =>
            !string.IsNullOrEmpty(name)
            && SyntaxFacts.IsValidIdentifier(name)
            && SyntaxFacts.GetKeywordKind(name!) == SyntaxKind.None;

        public static string AttributeName(VariableKind kind) => kind == VariableKind.Data ? "Data" : "Latent";

        public static string KindName(VariableKind kind) => kind == VariableKind.Data ? "data variable" : "latent";

        /// <summary>Plate name for messages: the class name, which for the root is the program's class.</summary>
        public static string PlateDisplay(PlateModel plate) => S(plate.ClassName);

        public static IEnumerable<T> Safe<T>(EquatableArray<T> items) where T : class, IEquatable<T> =>
            items.Items.Where(i => i != null);
    }
}
