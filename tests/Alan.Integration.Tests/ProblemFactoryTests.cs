using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>IInferenceProblemFactory: generic code builds any problem from its records passed as objects.</summary>
    public class ProblemFactoryTests
    {
        private static TProblem Build<TProblem>(object sizes, object observations, object? inputs = null)
            where TProblem : IInferenceProblem, IInferenceProblemFactory<TProblem> =>
            TProblem.Create(sizes, observations, inputs, ScalarType.Float64);

        [Test]
        public void Create_BuildsTheSameProblemAsTheConstructor()
        {
            var sizes = new IntroProblem.PlateSizes(P1: 3);
            var observations = new IntroProblem.Observations(Obs: tensor(new[] { 0.5, -0.2, 1.1 }, ScalarType.Float64));
            using var built = Build<IntroProblem>(sizes, observations);
            using var direct = new IntroProblem(sizes, observations, ScalarType.Float64);
            Assert.That(built.DType, Is.EqualTo(ScalarType.Float64));
            torch.random.manual_seed(1);
            using var a = built.Sample(4);
            double fromBuilt = a.ElboNoGrad().item<double>();
            torch.random.manual_seed(1);
            using var b = direct.Sample(4);
            Assert.That(fromBuilt, Is.EqualTo(b.ElboNoGrad().item<double>()));
        }

        [Test]
        public void Create_RefusesAnotherProblemsRecordsNamingTheOneExpected()
        {
            var wrong = new QemIntroProblem.PlateSizes(P1: 3);
            var observations = new IntroProblem.Observations(Obs: zeros(3, dtype: ScalarType.Float64));
            var e = Assert.Throws<ArgumentException>(() => Build<IntroProblem>(wrong, observations))!;
            Assert.That(e.ParamName, Is.EqualTo("sizes"));
            Assert.That(e.Message, Does.Contain("IntroProblem.PlateSizes").And.Contain("QemIntroProblem.PlateSizes"));
            var inputs = Assert.Throws<ArgumentException>(() => Build<IntroProblem>(new IntroProblem.PlateSizes(P1: 3), observations, "not inputs"))!;
            Assert.That(inputs.Message, Does.Contain("the model declares no inputs"));
        }
    }
}
