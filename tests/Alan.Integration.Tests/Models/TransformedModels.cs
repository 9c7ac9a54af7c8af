using Alan;
using TorchSharp;
using static TorchSharp.torch;

// Guides that push a Normal through a bijector onto the support of P's latent, one model per bijector.
namespace Alan.Integration.Tests.Models
{
    [Plate]
    public partial class TfExp
    {
        [Latent] static Gamma Tau() => new(2.0, 1.5);
        [Plate] public partial class T { [Data] static Normal D(Tensor tau) => new(0.0, tau); }
    }

    [Plate]
    public partial class TfExpGuide
    {
        [Latent]
        static Transformed Tau([Param(0.3)] Tensor loc, [Param(-0.2)] Tensor logScale) => new(new Normal(loc, logScale.exp()), Bijector.Exp);
    }

    [Problem(typeof(TfExp), typeof(TfExpGuide))] public partial class TfExpProblem { }

    [Plate]
    public partial class TfSoftplus
    {
        [Latent] static HalfNormal Sigma() => new(1.5);
        [Plate] public partial class T { [Data] static Normal D(Tensor sigma) => new(0.0, sigma); }
    }

    [Plate]
    public partial class TfSoftplusGuide
    {
        [Latent]
        static Transformed Sigma([Param(0.5)] Tensor loc, [Param(-0.4)] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.Softplus);
    }

    [Problem(typeof(TfSoftplus), typeof(TfSoftplusGuide))] public partial class TfSoftplusProblem { }

    [Plate]
    public partial class TfInterval
    {
        [Latent] static Uniform U() => new(-1.0, 2.0);
        [Plate] public partial class T { [Data] static Normal D(Tensor u) => new(u, 1.0); }
    }

    [Plate]
    public partial class TfIntervalGuide
    {
        [Latent]
        static Transformed U([Param(0.2)] Tensor loc, [Param(0.1)] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.Interval(-1.0, 2.0));
    }

    [Problem(typeof(TfInterval), typeof(TfIntervalGuide))] public partial class TfIntervalProblem { }

    [Plate]
    public partial class TfUnit
    {
        [Latent] static Beta Theta() => new(2.0, 3.0);
        [Plate] public partial class T { [Data] static Bernoulli D(Tensor theta) => new(probs: theta); }
    }

    [Plate]
    public partial class TfUnitGuide
    {
        [Latent]
        static Transformed Theta([Param(-0.3)] Tensor loc, [Param(-0.1)] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.UnitInterval);
    }

    [Problem(typeof(TfUnit), typeof(TfUnitGuide))] public partial class TfUnitProblem { }

    [Plate]
    public partial class TfSimplex
    {
        [Latent] static Dirichlet W() => new(torch.tensor(new[] { 2.0, 3.0, 1.0 }));
        [Plate] public partial class T { [Data] static Normal D(Tensor w) => new((w * torch.tensor(new[] { 1.0, 2.0, 3.0 })).sum(-1), 0.5); }
    }

    [Plate]
    public partial class TfSimplexGuide
    {
        [Latent]
        static Transformed W([Param(0.2, Shape = new long[] { 2 })] Tensor loc, [Param(-0.3, Shape = new long[] { 2 })] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.StickBreaking);
    }

    [Problem(typeof(TfSimplex), typeof(TfSimplexGuide))] public partial class TfSimplexProblem { }

    // No Ordered distribution exists for P: P is itself a Transformed.
    [Plate]
    public partial class TfOrdered
    {
        [Latent] static Transformed C() => new(new Normal(torch.zeros(3), 2.0), Bijector.Ordered);
        [Plate] public partial class T { [Data] static Normal D(Tensor c) => new(c.sum(-1), 1.0); }
    }

    [Plate]
    public partial class TfOrderedGuide
    {
        [Latent]
        static Transformed C([Param(0.1, Shape = new long[] { 3 })] Tensor loc, [Param(-0.3, Shape = new long[] { 3 })] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.Ordered);
    }

    [Problem(typeof(TfOrdered), typeof(TfOrderedGuide))] public partial class TfOrderedProblem { }

    [Plate]
    public partial class TfPositiveOrdered
    {
        [Latent] static Transformed C() => new(new Normal(torch.zeros(3), 1.0), Bijector.PositiveOrdered);
        [Plate] public partial class T { [Data] static Normal D(Tensor c) => new(c.sum(-1), 1.0); }
    }

    [Plate]
    public partial class TfPositiveOrderedGuide
    {
        [Latent]
        static Transformed C([Param(-0.2, Shape = new long[] { 3 })] Tensor loc, [Param(-0.5, Shape = new long[] { 3 })] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.PositiveOrdered);
    }

    [Problem(typeof(TfPositiveOrdered), typeof(TfPositiveOrderedGuide))] public partial class TfPositiveOrderedProblem { }
}

// Eight schools (Rubin 1981), written both ways as Stan writes it; Q puts a log-normal (Exp of a Normal) on tau.
// Q starts far from the posterior (mu near -3, tau near 12) so that training has something to improve.
namespace Alan.Integration.Tests.Models
{
    [Plate]
    public partial class EightSchoolsCentred
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfCauchy Tau() => new(5.0);

        [Plate, Input("Sigma")]
        public partial class Schools
        {
            [Latent] static Normal Theta(Tensor mu, Tensor tau) => new(mu, tau);
            [Data] static Normal Y(Tensor theta, Tensor sigma) => new(theta, sigma);
        }
    }

    [Plate]
    public partial class EightSchoolsCentredGuide
    {
        [Latent] static Normal Mu([Param(-3.0)] Tensor loc, [Param(0.5)] Tensor logScale) => new(loc, logScale.exp());

        [Latent]
        static Transformed Tau([Param(2.5)] Tensor loc, [Param(0.0)] Tensor logScale) => new(new Normal(loc, logScale.exp()), Bijector.Exp);

        [Plate]
        public partial class Schools
        {
            [Latent] static Normal Theta([Param(-3.0)] Tensor loc, [Param(1.5)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(EightSchoolsCentred), typeof(EightSchoolsCentredGuide))] public partial class EightSchoolsCentredProblem { }

    [Plate]
    public partial class EightSchoolsNonCentred
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfCauchy Tau() => new(5.0);

        [Plate, Input("Sigma")]
        public partial class Schools
        {
            [Latent] static Normal Eta() => new(0.0, 1.0);
            [Data] static Normal Y(Tensor mu, Tensor tau, Tensor eta, Tensor sigma) => new(mu + tau * eta, sigma);
        }
    }

    [Plate]
    public partial class EightSchoolsNonCentredGuide
    {
        [Latent] static Normal Mu([Param(-3.0)] Tensor loc, [Param(0.5)] Tensor logScale) => new(loc, logScale.exp());

        [Latent]
        static Transformed Tau([Param(2.5)] Tensor loc, [Param(0.0)] Tensor logScale) => new(new Normal(loc, logScale.exp()), Bijector.Exp);

        [Plate]
        public partial class Schools
        {
            [Latent] static Normal Eta([Param(1.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(EightSchoolsNonCentred), typeof(EightSchoolsNonCentredGuide))] public partial class EightSchoolsNonCentredProblem { }
}
