using System;
using System.ComponentModel;

namespace Alan.CompilerServices.TensorLayout
{
    /// <summary>
    /// Plates placed in the compile-time layout: their names, layout dims and sizes (in one order) and the
    /// layout's rank. A problem builds one for all its plates when it is constructed (and one per call that
    /// takes new plate sizes); <see cref="Path"/> selects a variable's plate path from it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class PlateLayout
    {
        /// <summary>Describes plates <paramref name="names"/> at layout dims <paramref name="dims"/> with sizes <paramref name="sizes"/>.</summary>
        /// <param name="rank">The layout's rank (leading dims: padding, one per particle group, one per plate).</param>
        /// <param name="names">The plate names.</param>
        /// <param name="dims">Their layout dims.</param>
        /// <param name="sizes">Their sizes.</param>
        public PlateLayout(int rank, string[] names, long[] dims, long[] sizes)
        {
            if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), rank, "The layout rank must be at least 1.");
            Names = names ?? throw new ArgumentNullException(nameof(names));
            Dims = dims ?? throw new ArgumentNullException(nameof(dims));
            Sizes = sizes ?? throw new ArgumentNullException(nameof(sizes));
            if (dims.Length != names.Length || sizes.Length != names.Length)
                throw new ArgumentException($"A plate layout needs one dim and one size per plate: {names.Length} names, {dims.Length} dims, {sizes.Length} sizes.");
            foreach (var d in dims)
                if (d < 1 || d >= rank)
                    throw new ArgumentOutOfRangeException(nameof(dims), d, $"A plate's layout dim must lie in [1, {rank}).");
            Rank = rank;
        }

        /// <summary>The layout's rank.</summary>
        public int Rank { get; }

        /// <summary>The plate names.</summary>
        public string[] Names { get; }

        /// <summary>Their layout dims.</summary>
        public long[] Dims { get; }

        /// <summary>Their sizes.</summary>
        public long[] Sizes { get; }

        /// <summary>The number of plates.</summary>
        public int Count => Names.Length;

        /// <summary>The plates at positions <paramref name="plates"/> of this layout (a variable's plate path, root first).</summary>
        public PlateLayout Path(params int[] plates)
        {
            var names = new string[plates.Length];
            var dims = new long[plates.Length];
            var sizes = new long[plates.Length];
            for (int i = 0; i < plates.Length; i++)
            {
                names[i] = Names[plates[i]];
                dims[i] = Dims[plates[i]];
                sizes[i] = Sizes[plates[i]];
            }
            return new PlateLayout(Rank, names, dims, sizes);
        }

        /// <summary>The position of plate <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name) => Array.IndexOf(Names, name);

        /// <summary>The layout shape: the plate sizes at their dims and ones elsewhere (a new array).</summary>
        public long[] Shape() => Shape(1);

        /// <summary>The layout shape with <paramref name="samples"/> at dim 0 (the joint-samples dim), the plate sizes at their dims and ones elsewhere.</summary>
        public long[] Shape(long samples)
        {
            var shape = new long[Rank];
            for (int i = 0; i < Rank; i++) shape[i] = 1;
            shape[0] = samples;
            for (int i = 0; i < Dims.Length; i++) shape[Dims[i]] = Sizes[i];
            return shape;
        }
    }

    /// <summary>
    /// What a tensor handed to a problem is, for validation messages: its kind ("Observation", "Input"), the
    /// variable, its event shape (null: any), the support its values must lie in (null: finite) and the
    /// distribution's display name. Generated code holds one per data variable and input, built once.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class Placement
    {
        /// <summary>Describes one variable.</summary>
        public Placement(string kind, string variable, long[]? eventShape = null, Support? support = null, string? distribution = null)
        {
            Kind = kind ?? throw new ArgumentNullException(nameof(kind));
            Variable = variable ?? throw new ArgumentNullException(nameof(variable));
            EventShape = eventShape;
            Support = support;
            Distribution = distribution;
        }

        /// <summary>"Observation" or "Input".</summary>
        public string Kind { get; }

        /// <summary>The variable's name.</summary>
        public string Variable { get; }

        /// <summary>The exact event shape, or null when any trailing dims are accepted.</summary>
        public long[]? EventShape { get; }

        /// <summary>The support values must lie in, or null (values need only be finite).</summary>
        public Support? Support { get; }

        /// <summary>The distribution's display name ("Poisson"), for support messages.</summary>
        public string? Distribution { get; }
    }
}
