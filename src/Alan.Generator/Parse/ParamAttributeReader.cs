using System.Collections.Generic;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Reads [Param] and [QemParam] attribute data.</summary>
    internal static class ParamAttributeReader
    {
        public static ParamModel Read(AttributeData a, bool isQem, LocationInfo location)
        {
            string? name = null;
            double init = 0;
            var ctor = a.ConstructorArguments;
            if (ctor.Length == 1) init = ToDouble(ctor[0].Value);
            else if (ctor.Length == 2) { name = ctor[0].Value as string; init = ToDouble(ctor[1].Value); }

            var shape = new List<long>();
            foreach (var kv in a.NamedArguments)
            {
                if (kv.Key == "Name" && kv.Value.Value is string n && n.Length > 0) name = n;
                else if (kv.Key == "Shape" && kv.Value.Kind == TypedConstantKind.Array && !kv.Value.IsNull)
                    foreach (var e in kv.Value.Values) shape.Add(e.Value is long l ? l : System.Convert.ToInt64(e.Value ?? 0L));
            }
            return new ParamModel(name, init, shape.ToEquatableArray(), isQem, location);
        }

        /// <summary>The <c>Shape = new long[] { ... }</c> named argument of an attribute (empty when absent).</summary>
        public static EquatableArray<long> ReadShape(AttributeData a)
        {
            var shape = new List<long>();
            foreach (var kv in a.NamedArguments)
                if (kv.Key == "Shape" && kv.Value.Kind == TypedConstantKind.Array && !kv.Value.IsNull)
                    foreach (var e in kv.Value.Values) shape.Add(e.Value is long l ? l : System.Convert.ToInt64(e.Value ?? 0L));
            return shape.ToEquatableArray();
        }

        private static double ToDouble(object? v) => v switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => 0.0,
        };
    }
}
