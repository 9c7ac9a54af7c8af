using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>Look-ups over a plan shared by the emitter parts.</summary>
    internal sealed class EmitContext
    {
        public const string Tensor = "global::TorchSharp.torch.Tensor";
        public const string Torch = "global::TorchSharp.torch";
        public const string ScalarType = "global::TorchSharp.torch.ScalarType";

        public EmitContext(ProblemPlan plan)
        {
            Plan = plan;
            foreach (var p in plan.Plates) _plates[p.Name] = p;
            foreach (var g in plan.Groups) _groups[g.Name] = g;
            foreach (var l in plan.Latents) _latents[l.Name] = l;
            foreach (var p in plan.Params) _params[p.Id] = p;
            Names = new EmitNames(plan);
        }

        private readonly Dictionary<string, PlatePlan> _plates = new Dictionary<string, PlatePlan>();
        private readonly Dictionary<string, GroupPlan> _groups = new Dictionary<string, GroupPlan>();
        private readonly Dictionary<string, LatentPlan> _latents = new Dictionary<string, LatentPlan>();
        private readonly Dictionary<ParamRef, ParamPlan> _params = new Dictionary<ParamRef, ParamPlan>();

        public ProblemPlan Plan { get; }

        /// <summary>How the plan's composite names are spelled as identifiers.</summary>
        public EmitNames Names { get; }
        public bool HasInputs => Plan.Inputs.Count > 0;

        public GroupPlan Group(string name) => _groups[name];
        public LatentPlan Latent(string name) => _latents[name];
        public ParamPlan Param(ParamRef id) => _params[id];

        /// <summary>A parameter in the layout, from the problem's fields.</summary>
        public string InstanceParam(ParamPlan p) => $"{Names.ParamField(p.Id)}.view({Names.ParamView(p.Id)})";

        /// <summary>Plates from the root down to <paramref name="plate"/> (empty for the root).</summary>
        public IReadOnlyList<PlatePlan> Path(string plate) =>
            plate.Length == 0 ? new PlatePlan[0] : _plates[plate].Path.Select(n => _plates[n]).ToList();

        public const string CompilerServices = "global::Alan.CompilerServices";

        /// <summary>
        /// The plate path of <paramref name="plate"/> selected from <paramref name="layout"/> (a PlateLayout over
        /// all the problem's plates): <c>layout.Path(i, j)</c> with the plates' indices.
        /// </summary>
        public string PathLayout(string plate, string layout) =>
            $"{layout}.Path({string.Join(", ", Path(plate).Select(p => Plan.Plates.Items.IndexOf(p).ToString(CultureInfo.InvariantCulture)))})";

        public string PathDims(string plate) => DimArray(Path(plate).Select(p => p.Dim));

        /// <summary>The named constant of layout dim <paramref name="index"/>, e.g. "Dim.K_StateMean" or "Dim.Zips".</summary>
        public string DimName(int index) => "Dim." + Id(Plan.Dims[index].Name);

        /// <summary>A long[] literal of named layout dims, e.g. "new long[] { Dim.K_Mu, Dim.P1 }".</summary>
        public string DimArray(IEnumerable<int> dims) => LongArray(dims.Select(DimName));

        /// <summary>"[K_Mu, P1]": a comment listing layout dims by name.</summary>
        public string DimList(IEnumerable<int> dims) => "[" + string.Join(", ", dims.OrderBy(d => d).Select(d => Plan.Dims[d].Name)) + "]";

        /// <summary>The particle dim of group <paramref name="group"/> as an expression: NonMp for the global sampler.</summary>
        public string ParticleDim(GroupPlan group) => $"(s.__nonMp ? Dim.NonMp : {DimName(group.Dim)})";

        public string PathSizes(string plate, string sizes) => LongArray(Path(plate).Select(p => sizes + "." + Id(p.Name)));

        /// <summary>A plate, variable, input or class name where generated code uses it as an identifier (<see cref="Identifiers.Spell"/>).</summary>
        public static string Id(string name) => Identifiers.Spell(name);

        /// <summary>A long[] literal (Array.Empty when there are no items).</summary>
        public static string LongArray(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? "global::System.Array.Empty<long>()" : "new long[] { " + string.Join(", ", list) + " }";
        }

        public static string Double(double d) => d.ToString("R", CultureInfo.InvariantCulture) + (d == System.Math.Floor(d) && !double.IsInfinity(d) && d.ToString("R", CultureInfo.InvariantCulture).IndexOf('E') < 0 ? ".0" : "");

        public static string Longs(IEnumerable<long> values) => LongArray(values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    }
}
