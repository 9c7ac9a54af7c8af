namespace Alan.Generator.Tests
{
    /// <summary>
    /// The models whose generated code is kept as approved snapshots (<see cref="GeneratedCodeSnapshotTests"/>),
    /// also used by the incrementality and pipeline-model tests. Changing a model here changes its snapshots.
    /// </summary>
    internal static class SnapshotModels
    {
        /// <summary>(a) The introduction model of DESIGN 2.1, verbatim, in the global namespace.</summary>
        public const string Intro = GeneratorHarness.Usings + @"
// P: the generative model. A top-level [Plate] class is a program root.
[Plate]
public partial class Intro
{
    [Latent] static Normal Mu() => new(0.0, 1.0);

    [Plate]                                    // sub-plate ""P1""; size given at run time
    public partial class P1
    {
        [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);
    }
}

// Q: the proposal / approximate posterior. Same plate tree, latents only.
[Plate]
public partial class IntroGuide
{
    [Latent] static Normal Mu([Param(0.0)] Tensor loc,
                              [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
    [Plate] public partial class P1 { }       // may be omitted when it holds no latent
}

[Problem(typeof(Intro), typeof(IntroGuide))]
public partial class IntroProblem { }
";

        /// <summary>
        /// (b) Two root latents grouped in Q (B depends on A inside the group), a latent C depending on both,
        /// and data depending on C and A; in a namespace.
        /// </summary>
        public const string Grouped = GeneratorHarness.Usings + @"
namespace Snapshots.Grouped
{
    [Plate]
    public partial class Model
    {
        [Latent] static Normal A() => new(0.3, 1.0);
        [Latent] static Normal B(Tensor a) => new(a - 0.2, 0.9);
        [Latent] static Normal C(Tensor a, Tensor b) => new(0.5 * a + b, 0.7);

        [Plate]
        public partial class T
        {
            [Data] static Normal D(Tensor c, Tensor a) => new(c + 0.3 * a, 1.1);
        }
    }

    [Plate]
    public partial class Guide
    {
        [Latent(Group = ""AB"")] static Normal A([Param(0.0)] Tensor loc) => new(loc, 1.3);
        [Latent(Group = ""AB"")] static Normal B(Tensor a) => new(0.8 * a, 1.2);
        [Latent] static Normal C(Tensor b, [Param(0.0)] Tensor logScale) => new(b + 0.2, logScale.exp());
    }

    [Problem(typeof(Model), typeof(Guide))]
    public partial class GroupedProblem { }
}
";

        /// <summary>
        /// (c) The radon model (shared/data/README.md) made three-level: root, States, Zips; inputs on the Zips
        /// plate (a [States, Zips] tensor each) and on the States plate; the two root latents grouped in Q.
        /// </summary>
        public const string Radon = GeneratorHarness.Usings + @"
namespace Snapshots.Radon
{
    [Plate]
    public partial class Radon
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);
        [Latent] static Normal GlobalLogScale() => new(0.0, 1.0);

        [Plate, Input(""StateUranium"")]
        public partial class States
        {
            [Latent] static Normal StateMean(Tensor globalMean, Tensor globalLogScale, Tensor stateUranium)
                => new(globalMean + 0.1 * stateUranium, globalLogScale.exp());
            [Latent] static Normal StateLogScale() => new(0.0, 1.0);
            [Latent] static Normal BetaU() => new(0.0, 1.0);
            [Latent] static Normal BetaBasement() => new(0.0, 1.0);

            [Plate, Input(""Basement""), Input(""LogU"")]
            public partial class Zips
            {
                [Data] static Normal LogRadon(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor logU, Tensor betaU, Tensor stateLogScale)
                    => new(stateMean + basement * betaBasement + logU * betaU, stateLogScale.exp());
            }
        }
    }

    [Plate]
    public partial class RadonGuide
    {
        [Latent(Group = ""Globals"")] static Normal GlobalMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = ""Globals"")] static Normal GlobalLogScale([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal StateLogScale([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal BetaU([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal BetaBasement([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Radon), typeof(RadonGuide))]
    public partial class RadonProblem { }
}
";

        /// <summary>
        /// (d) Vector latents (event shape 8) and a dot product with a per-element input, like the bus-breakdown
        /// model: Phi ~ N(0, I_8) at the root, Alpha per year, Delay ~ Bernoulli(logits = Alpha + Phi . Company + Bias)
        /// per (year, id); Q's Phi has an 8-vector [Param]; Bias is a named plate-level [Param] of P.
        /// </summary>
        public const string Vector = GeneratorHarness.Usings + @"
namespace Snapshots.Vector
{
    [Plate, Param(""Bias"", 0.0)]
    public partial class Bus
    {
        [Latent] static Normal Phi() => new(torch.zeros(8), torch.ones(8));
        [Latent] static Normal Psi() => new(torch.zeros(8), torch.ones(8));

        [Plate]
        public partial class Years
        {
            [Latent] static Normal Alpha() => new(0.0, 1.0);

            [Plate, Input(""Company"", Shape = new long[] { 8 }), Input(""RunType"", Shape = new long[] { 8 })]
            public partial class Ids
            {
                [Data] static Bernoulli Delay(Tensor alpha, Tensor phi, Tensor company, Tensor psi, Tensor runType, Tensor bias)
                    => new(logits: alpha + (phi * company).sum(-1) + (psi * runType).sum(-1) + bias);
            }
        }
    }

    [Plate]
    public partial class BusGuide
    {
        [Latent] static Normal Phi([Param(0.0, Shape = new long[] { 8 })] Tensor loc) => new(loc, 1.0);
        [Latent] static Normal Psi([Param(0.0, Shape = new long[] { 8 })] Tensor loc,
                                   [Param(0.0, Shape = new long[] { 8 })] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Years
        {
            [Latent] static Normal Alpha([Param(0.0)] Tensor loc) => new(loc, 1.0);
        }
    }

    [Problem(typeof(Bus), typeof(BusGuide))]
    public partial class BusProblem { }
}
";
    

        /// <summary>
        /// (e) A timeseries (DESIGN 4.10) like the covid model: a global effect, an initial state per region, and a
        /// chain along Days per region driven by an input, observed each day; Q chains the state too.
        /// </summary>
        public const string Timeseries = GeneratorHarness.Usings + @"
namespace Snapshots.Timeseries
{
    [Plate]
    public partial class Epidemic
    {
        [Latent] static Normal Effect() => new(0.0, 1.0);

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Initial() => new(3.0, 1.0);

            [Plate, Input(""Policy"")]
            public partial class Days
            {
                [Latent, Timeseries(""Initial"")] static Normal LogCases(Tensor prev, Tensor effect, Tensor policy) => new(prev + effect * policy, 0.2);
                [Data] static Poisson Cases(Tensor logCases) => new(logCases.exp());
            }
        }
    }

    [Plate]
    public partial class EpidemicGuide
    {
        [Latent] static Normal Effect([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Initial([Param(3.0)] Tensor loc) => new(loc, 1.0);

            [Plate]
            public partial class Days
            {
                [Latent, Timeseries(""Initial"")] static Normal LogCases(Tensor prev, [Param(0.0)] Tensor drift) => new(prev + drift, 0.3);
            }
        }
    }

    [Problem(typeof(Epidemic), typeof(EpidemicGuide))]
    public partial class EpidemicProblem { }
}
";

        /// <summary>
        /// A covid-shaped chain: the transition's scale reads the region's group, which is also the init's, and Q's log cases
        /// are mean-field, so the chain product is filtered from the transition's parts (ring.NormalChain).
        /// </summary>
        public const string FilteredChain = GeneratorHarness.Usings + @"
namespace Snapshots.FilteredChain
{
    [Plate]
    public partial class Outbreak
    {
        [Latent] static Normal Growth() => new(0.0, 1.0);

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Initial() => new(3.0, 1.0);
            [Latent] static Normal LogNoise() => new(-2.0, 0.5);

            [Plate, Input(""Policy"")]
            public partial class Days
            {
                [Latent, Timeseries(""Initial"")]
                static Normal LogCases(Tensor prev, Tensor growth, Tensor policy, Tensor logNoise) => new(prev + growth * policy, logNoise.exp());
                [Data] static Poisson Cases(Tensor logCases) => new(logCases.exp());
            }
        }
    }

    [Plate]
    public partial class OutbreakGuide
    {
        [Latent] static Normal Growth([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Regions
        {
            [Latent(Group = ""Region"")] static Normal Initial([Param(3.0)] Tensor loc) => new(loc, 1.0);
            [Latent(Group = ""Region"")] static Normal LogNoise([Param(-2.0)] Tensor loc) => new(loc, 0.5);

            [Plate]
            public partial class Days
            {
                [Latent] static Normal LogCases([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
            }
        }
    }

    [Problem(typeof(Outbreak), typeof(OutbreakGuide))]
    public partial class OutbreakProblem { }
}
";

        /// <summary>
        /// (e2) An observed timeseries (DESIGN 4.10): an AR(2) per region on observed sales, reading its observations
        /// one and two elements back (prev, prev2) from a latent init per region holding the two values before the first,
        /// with a latent global coefficient. It adds no chain factor: each element is a data factor.
        /// </summary>
        public const string ObservedTimeseries = GeneratorHarness.Usings + @"
namespace Snapshots.ObservedTimeseries
{
    [Plate]
    public partial class Sales
    {
        [Latent] static Normal Persistence() => new(0.5, 0.3);

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Before() => new(zeros(2), 1.0);

            [Plate]
            public partial class Weeks
            {
                [Data, Timeseries(""Before"")] static Normal Volume(Tensor prev, Tensor prev2, Tensor persistence) =>
                    new(persistence * prev + 0.2 * prev2, 0.4);
            }
        }
    }

    [Plate]
    public partial class SalesGuide
    {
        [Latent] static Normal Persistence([Param(0.5)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Before([Param(0.0, Shape = new long[] { 2 })] Tensor loc) => new(loc, 1.0);
        }
    }

    [Problem(typeof(Sales), typeof(SalesGuide))]
    public partial class SalesProblem { }
}
";

        /// <summary>
        /// (e3) A self-starting chain (DESIGN 4.10): an HMM over weather states whose first state has its own distribution
        /// (the method Start), emissions per day; Q is uniform per element.
        /// </summary>
        public const string SelfStarting = GeneratorHarness.Usings + @"
namespace Snapshots.SelfStarting
{
    [Plate]
    public partial class Weather
    {
        [Plate]
        public partial class Days
        {
            static Categorical Start() => new(probs: tensor(new[] { 0.7f, 0.3f }));

            [Latent, Timeseries(nameof(Start))] static Categorical State(Tensor prev) => new(logits: -2.0f * (prev.unsqueeze(-1) - arange(2)).abs());

            [Data] static Normal Temperature(Tensor state) => new(10.0 * state, 3.0);
        }
    }

    [Plate]
    public partial class WeatherGuide
    {
        [Plate]
        public partial class Days
        {
            [Latent] static Categorical State() => new(probs: tensor(new[] { 0.5f, 0.5f }));
        }
    }

    [Problem(typeof(Weather), typeof(WeatherGuide))]
    public partial class WeatherProblem { }
}
";

        /// <summary>
        /// (f) A binary latent like the occupancy model's: Present per survey, with logits from two parents in different
        /// Q groups, seen on each visit; Q proposes it from its prior given Q's parents (a mixture over their particles).
        /// Both are summed per value of Present (StepKind.SumBinary), never over K^3.
        /// </summary>
        public const string Binary = GeneratorHarness.Usings + @"
namespace Snapshots.Binary
{
    [Plate]
    public partial class Occupancy
    {
        [Latent] static Normal Prevalence() => new(0.0, 1.0);

        [Plate]
        public partial class Sites
        {
            [Latent] static Normal SiteMean(Tensor prevalence) => new(prevalence, 1.0);
            [Latent] static Normal Detection() => new(0.0, 1.0);

            [Plate, Input(""Weather"")]
            public partial class Surveys
            {
                [Latent] static Bernoulli Present(Tensor siteMean, Tensor detection, Tensor weather) => new(logits: siteMean * weather + detection);

                [Plate]
                public partial class Visits
                {
                    [Data] static Bernoulli Seen(Tensor detection, Tensor present) => new(logits: detection * present - 10.0 * (1 - present));
                }
            }
        }
    }

    [Plate]
    public partial class OccupancyGuide
    {
        [Latent] static Normal Prevalence([Param(0.0)] Tensor loc) => new(loc, 1.0);

        [Plate]
        public partial class Sites
        {
            [Latent] static Normal SiteMean([Param(0.0)] Tensor loc) => new(loc, 1.0);
            [Latent] static Normal Detection([Param(0.0)] Tensor loc) => new(loc, 1.0);

            [Plate]
            public partial class Surveys
            {
                [Latent] static Bernoulli Present(Tensor siteMean, Tensor detection, Tensor weather) => new(logits: siteMean * weather + detection);

                [Plate] public partial class Visits { }
            }
        }
    }

    [Problem(typeof(Occupancy), typeof(OccupancyGuide))]
    public partial class OccupancyProblem { }
}
";

        /// <summary>
        /// QEM (DESIGN 4.8): a Normal, a Gamma and a multivariate-normal proposal whose arguments are all [QemParam]s, and a
        /// per-element Normal in a plate, so the generated moving-average updates are reviewed. (Only compiled, never run:
        /// the covariance's scalar initial value would make it singular.)
        /// </summary>
        public const string Qem = GeneratorHarness.Usings + @"
namespace Snapshots.Qem
{
    [Plate]
    public partial class Regression
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Latent] static Gamma Precision() => new(2.0, 2.0);
        [Latent] static MultivariateNormal Beta() => new(torch.zeros(3), covarianceMatrix: torch.eye(3));

        [Plate, Input(""X"", Shape = new long[] { 3 })]
        public partial class N
        {
            [Latent] static Normal Z(Tensor mu, Tensor precision) => new(mu, precision.rsqrt());
            [Data] static Normal Y(Tensor z, Tensor beta, Tensor x) => new(z + (beta * x).sum(-1), 1.0);
        }
    }

    [Plate]
    public partial class RegressionGuide
    {
        [Latent] static Normal Mu([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent] static Gamma Precision([QemParam(1.0)] Tensor concentration, [QemParam(1.0)] Tensor rate) => new(concentration, rate);
        [Latent] static MultivariateNormal Beta(
            [QemParam(0.0, Shape = new long[] { 3 })] Tensor loc,
            [QemParam(Shape = new long[] { 3, 3 })] Tensor covarianceMatrix) => new(loc, covarianceMatrix: covarianceMatrix);

        [Plate]
        public partial class N
        {
            [Latent] static Normal Z([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        }
    }

    [Problem(typeof(Regression), typeof(RegressionGuide))]
    public partial class RegressionProblem { }
}
";
        /// <summary>A distribution defined in user code (docs/custom-distributions.md), in P and in Q.</summary>
        public const string UserDistribution = GeneratorHarness.Usings + @"
using Alan.Distributions.Authoring;

namespace Snapshots.UserDistribution
{
    [Distribution(Support.UnitInterval, Reparameterised = true)]
    public sealed class Kumaraswamy : Distribution
    {
        public Kumaraswamy(Tensor a, Tensor b) { A = a; B = b; }
        public Tensor A { get; }
        public Tensor B { get; }
        public override int EventRank => 0;
        public override bool IsReparameterised => true;

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var a = Align(A, batchRank, dtype);
            var b = Align(B, batchRank, dtype);
            var inSupport = (x > 0).logical_and(x < 1);
            var logX = MathUtil.Safe(x, inSupport, 0.5).log();
            return MathUtil.Mask(a.log() + b.log() + (a - 1) * logX + (b - 1) * (-(a * logX).exp()).log1p(), inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var a = Align(A, batchShape.Length, dtype);
            var b = Align(B, batchShape.Length, dtype);
            var u = RandomUtil.OpenUniform(ShapeUtil.DrawShape(batchShape, a.shape, b.shape), dtype, a.device);
            return (-(u.log() / b).expm1()).pow(a.reciprocal());
        }
    }

    [Plate]
    public partial class Germination
    {
        [Latent] static Normal LogA() => new(1.0, 0.5);

        [Plate]
        public partial class Lots
        {
            [Latent] static Kumaraswamy Theta(Tensor logA) => new(logA.exp(), 2.0);

            [Plate]
            public partial class Seeds
            {
                [Data] static Kumaraswamy Fraction(Tensor theta) => new(1.0 + theta, 3.0);
            }
        }
    }

    [Plate]
    public partial class GerminationGuide
    {
        [Latent] static Normal LogA([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Lots
        {
            [Latent] static Kumaraswamy Theta([Param(0.0)] Tensor logA, [Param(0.0)] Tensor logB) => new(logA.exp(), logB.exp());
        }
    }

    [Problem(typeof(Germination), typeof(GerminationGuide))]
    public partial class GerminationProblem { }
}
";

        /// <summary>
        /// Improper priors and distributions built from components: Stan's ordered means with flat per-group offsets, a
        /// Mixture likelihood. SamplePrior refuses (nothing to draw the flat latents from), Extend keeps their draws and
        /// refuses to grow Groups, and the observations are checked against the Mixture's derived support.
        /// </summary>
        public const string Improper = GeneratorHarness.Usings + @"
namespace Snapshots.Improper
{
    [Plate]
    public partial class Clusters
    {
        [Latent] static Ordered Mu() => new(new Normal(0.0, 10.0), 2);

        [Plate]
        public partial class Groups
        {
            [Latent] static Flat Offset() => new();

            [Plate]
            public partial class Points
            {
                [Data] static Mixture Y(Tensor mu, Tensor offset) =>
                    new(torch.zeros(2), new Normal(mu.select(-1, 0) + offset, 1.0), new Normal(mu.select(-1, 1) + offset, 1.0));
            }
        }
    }

    [Plate]
    public partial class ClustersGuide
    {
        [Latent] static Ordered Mu([Param(-1.0)] Tensor low, [Param(1.0)] Tensor high) =>
            new(new Mixture(torch.zeros(2), new Normal(low, 1.0), new Normal(high, 1.0)), 2);

        [Plate]
        public partial class Groups
        {
            [Latent] static Normal Offset([Param(0.0)] Tensor loc) => new(loc, 1.0);
        }
    }

    [Problem(typeof(Clusters), typeof(ClustersGuide))]
    public partial class ClustersProblem { }
}
";

        /// <summary>Eight schools, non-centred, with a log-normal guide on tau (a Normal pushed through Bijector.Exp).</summary>
        public const string Bijectors = GeneratorHarness.Usings + @"
namespace Snapshots.Bijectors
{
    [Plate]
    public partial class Schools
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfCauchy Tau() => new(5.0);

        [Plate, Input(""Sigma"")]
        public partial class School
        {
            [Latent] static Normal Eta() => new(0.0, 1.0);
            [Data] static Normal Y(Tensor mu, Tensor tau, Tensor eta, Tensor sigma) => new(mu + tau * eta, sigma);
        }
    }

    [Plate]
    public partial class SchoolsGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Latent]
        static Transformed Tau([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(new Normal(loc, logScale.exp()), Bijector.Exp);

        [Plate]
        public partial class School
        {
            [Latent] static Normal Eta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Schools), typeof(SchoolsGuide))]
    public partial class SchoolsProblem { }
}
";

        /// <summary>
        /// A guide derived from P ([Problem(typeof(P))], AutoGuide.Default): a root block with a positive latent, plate
        /// latents whose proposals read their parents, a vector latent and a discrete one.
        /// </summary>
        public const string AutoGuide = GeneratorHarness.Usings + @"
namespace Snapshots.AutoGuide
{
    [Plate]
    public partial class Schools
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfNormal Tau() => new(5.0);
        [Latent] static Dirichlet Mix() => new(torch.ones(3));

        [Plate, Input(""Sigma"")]
        public partial class School
        {
            [Latent] static Normal Theta(Tensor mu, Tensor tau) => new(mu, tau);
            [Latent] static Bernoulli Flagged() => new(probs: 0.2);
            [Data] static Normal Y(Tensor theta, Tensor sigma, Tensor flagged) => new(theta + flagged, sigma);
        }
    }

    [Problem(typeof(Schools))]
    public partial class SchoolsAuto { }
}
";
    }
}
