using System;
using System.Collections.Generic;

namespace Alan.Generator.Check
{
    /// <summary>
    /// Names the generated code uses next to user names (ALAN027). Read off the emitters: the result types with
    /// one property per plate, variable or input (PlateSizes, Observations, Inputs, PriorSample, ParticleSet,
    /// MarginalSet, EssSet, MomentSet, ImportanceSampleSet, PredictiveSet, ExtendedSample) also hold their own
    /// members, the members records synthesise and the members inherited from object; a member may not be named
    /// like its type. GeneratedCodeSnapshotTests checks these lists against the members of generated code.
    /// </summary>
    internal static class ReservedNames
    {
        /// <summary>The generated types whose properties are named after plates, variables or inputs.</summary>
        public static readonly string[] ResultTypes =
        {
            "PlateSizes", "Observations", "Inputs", "PriorSample", "ParticleSet", "MarginalSet", "EssSet", "MomentSet",
            "ImportanceSampleSet", "PredictiveSet", "ExtendedSample",
        };

        /// <summary>Names a plate, variable or input may not have.</summary>
        public static readonly string[] ForMembers = Concat(
            ResultTypes,
            // declared by the emitters on the result types: MarginalSet.Ess(), ImportanceSampleSet.Moments(),
            // .Extend(...) and .WriteCmdStanCsv(...), ExtendedSample.Sizes and .PredictiveLogLikelihood(...)
            new[] { "Ess", "Moments", "Extend", "Sizes", "PredictiveLogLikelihood", "WriteCmdStanCsv" },
            // the layout constants' class (Dim.<plate>): a constant may not be named like its class
            new[] { "Dim" },
            // a derived guide's class, nested in its problem ([Problem(typeof(P))])
            new[] { "Guide" },
            // synthesised for records, and inherited from object
            new[] { "EqualityContract", "PrintMembers", "Deconstruct", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" });

        /// <summary>Names a [Problem] class may not have: its generated nested types and members.</summary>
        public static readonly string[] ForProblemClass = Concat(
            ResultTypes,
            new[] { "ProblemSample" },
            new[] { "Sizes", "DType", "PParameters", "QParameters", "Sample", "SampleNonMp", "SamplePrior", "Create", "_toEpilog", "_to", "Dispose", "Dim" },
            // inherited from Alan.CompilerServices.Problems.InferenceProblem (the rest of its members are "__"-prefixed)
            new[] { "Latents", "Fit", "ShardDraws", "load_state_dict" },
            // a derived guide's class ([Problem(typeof(P))])
            new[] { "Guide" });

        private static readonly HashSet<string> MemberSet = new HashSet<string>(ForMembers, StringComparer.Ordinal);
        private static readonly HashSet<string> ProblemSet = new HashSet<string>(ForProblemClass, StringComparer.Ordinal);

        /// <summary>Names starting with "__" belong to generated fields, locals and members.</summary>
        private static bool IsGeneratedPrefix(string name) => name.StartsWith("__", StringComparison.Ordinal);

        public static bool IsReservedForMember(string? name) =>
            !string.IsNullOrEmpty(name) && (MemberSet.Contains(name!) || IsGeneratedPrefix(name!));

        public static bool IsReservedForProblemClass(string? name) =>
            !string.IsNullOrEmpty(name) && (ProblemSet.Contains(name!) || IsGeneratedPrefix(name!));

        public static string MemberList => string.Join(", ", ForMembers);

        public static string ProblemClassList => string.Join(", ", ForProblemClass);

        private static string[] Concat(params string[][] parts)
        {
            var list = new List<string>();
            foreach (var p in parts) list.AddRange(p);
            return list.ToArray();
        }
    }
}
