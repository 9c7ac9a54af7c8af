using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace Alan
{
    /// <summary>Each distribution type's <see cref="DistributionAttribute"/>, read once per type.</summary>
    internal static class DeclaredMetadata
    {
        private static readonly ConcurrentDictionary<Type, DistributionAttribute> Cache = new();

        /// <summary>The [Distribution] attribute of <paramref name="type"/>; a type without one is reported by name.</summary>
        public static DistributionAttribute Of(Type type) => Cache.GetOrAdd(type, t =>
            t.GetCustomAttribute<DistributionAttribute>()
            ?? throw new InvalidOperationException($"The distribution type '{t.FullName}' has no [Distribution] attribute, so its support is unknown; mark it [Distribution(Support.X)]."));
    }
}
