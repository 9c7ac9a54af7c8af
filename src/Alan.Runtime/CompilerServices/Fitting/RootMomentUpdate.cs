using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// Fits the root block of a derived Default guide by moment matching, as QEM fits a multivariate normal (DESIGN 4.8):
    /// the block's unconstrained values u (D numbers per draw, the members stacked) are jointly normal, N(mu, Sigma),
    /// written as a chain of conditionals. Each update keeps moving averages m1 &lt;- (1 - r) m1 + r E_post[u] and
    /// m2 &lt;- (1 - r) m2 + r E_post[u u^T] (the expectations from exact posterior draws of one sample), and then sets
    /// every member's chain parameters from Sigma = m2 - m1 m1^T: for member i with earlier members J,
    /// u_i | u_J ~ N(b_i + A_i u_J, C_i) with A_i = Sigma_iJ Sigma_JJ^-1, b_i = mu_i - A_i mu_J and
    /// C_i = Sigma_ii - A_i Sigma_Ji (loc = b_i, the weights = A_i's blocks, the scale = the Cholesky factor of C_i).
    /// Unlike gradient steps, the update does not depend on how the latents are scaled: a coefficient whose posterior
    /// sd is 1e-4 moves as surely as one whose sd is 10.
    /// </summary>
    internal sealed class RootMomentUpdate : IDisposable
    {
        private sealed class Member
        {
            public MomentMember Spec = null!;
            public int Offset;
            /// <summary>This member's positions in the block, and its parents' (fixed at construction).</summary>
            public long[] Own = Array.Empty<long>(), ParentPositions = Array.Empty<long>();
            public Parameter Loc = null!, LogScale = null!;
            public Parameter? OffDiagonal;
            public (Parameter Weight, Member Parent)[] Weights = Array.Empty<(Parameter, Member)>();
        }

        private readonly List<Member> _members = new List<Member>();
        private readonly int _size;
        private Tensor _m1, _m2;

        public RootMomentUpdate(InferenceProblem problem, IReadOnlyList<MomentMember> block)
        {
            var parameters = problem.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
            Parameter Find(string name) => parameters.TryGetValue(name, out var p) ? p
                : throw new InvalidOperationException($"The derived guide's root block names the parameter '{name}', which the problem does not have.");
            int offset = 0;
            foreach (var spec in block)
            {
                var m = new Member { Spec = spec, Offset = offset, Loc = Find(spec.Latent + ".loc"), LogScale = Find(spec.Latent + ".logScale") };
                if (spec.Vector) m.OffDiagonal = Find(spec.Latent + ".offDiagonal");
                m.Weights = spec.Parents.Select(parent =>
                {
                    var p = _members.Single(o => o.Spec.Latent == parent);
                    return (Find(spec.Latent + "." + char.ToLowerInvariant(parent[0]) + parent.Substring(1) + "Weight"), p);
                }).ToArray();
                m.Own = Enumerable.Range(offset, spec.Size).Select(x => (long)x).ToArray();
                m.ParentPositions = m.Weights.SelectMany(w => w.Item2.Own).ToArray();
                _members.Add(m);
                offset += spec.Size;
            }
            _size = offset;
            (_m1, _m2) = MomentsOfGuide();
        }

        /// <summary>The parameters the update owns (gradient steps must leave them alone).</summary>
        public IReadOnlyCollection<Parameter> Parameters =>
            _members.SelectMany(m => new[] { m.Loc, m.LogScale }.Concat(m.OffDiagonal is null ? Array.Empty<Parameter>() : new[] { m.OffDiagonal })
                .Concat(m.Weights.Select(w => w.Weight))).ToList();

        /// <summary>
        /// One update from a fresh sample of <paramref name="k"/> particles: <paramref name="draws"/> exact posterior draws
        /// give E[u] and E[u u^T]; returns the sample's log P-hat.
        /// </summary>
        public double Update(InferenceProblem problem, int k, int draws, double rate, ComputationStrategy? strategy, Generator? generator)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var sample = problem.SampleWith(k, false, generator);
            double elbo = sample.ElboNoGrad(strategy).to_type(ScalarType.Float64).item<double>();
            var posterior = sample.PosteriorDraws(draws, strategy);
            var columns = _members.Select(m =>
            {
                var value = posterior[m.Spec.Latent].to_type(ScalarType.Float64).to(CPU).reshape(draws, m.Spec.Size);
                return m.Spec.Unconstrain switch
                {
                    Unconstrain.Log => value.log(),
                    Unconstrain.Logit => torch.logit(value),
                    _ => value,
                };
            }).ToArray();
            var u = cat(columns, 1L);
            if (!u.isfinite().all().item<bool>()) return elbo;   // a draw on the support's edge: skip this update
            var e1 = u.mean(new long[] { 0 });
            var e2 = u.t().matmul(u).div(Scalars.Temporary((double)draws));
            // m <- (1 - r) m + r E: m + r (E - m)
            var m1 = _m1.add(e1.sub(_m1), Scalars.Temporary(rate));
            var m2 = _m2.add(e2.sub(_m2), Scalars.Temporary(rate));
            _m1.Dispose();
            _m2.Dispose();
            _m1 = m1.DetachFromDisposeScope();
            _m2 = m2.DetachFromDisposeScope();
            WriteChain();
            return elbo;
        }

        /// <summary>Sets every member's chain parameters from mu = m1 and Sigma = m2 - m1 m1^T (see the class remarks).</summary>
        private void WriteChain()
        {
            using var scope = NewDisposeScope();
            var mu = _m1;
            var sigma = _m2 - _m1.outer(_m1);
            sigma = sigma.add(sigma.t(), Scalars.Of(1)).div(Scalars.Of(2.0));
            // a floor under the spectrum keeps every conditional covariance positive definite
            double floor = 1e-12 * Math.Max(sigma.diagonal().max().item<double>(), 1e-300);
            sigma = sigma.add(eye(_size, dtype: ScalarType.Float64), Scalars.Temporary(floor));
            foreach (var m in _members)
            {
                var i = tensor(m.Own, dtype: ScalarType.Int64);
                var parentIndex = m.ParentPositions;
                Tensor b, c, a = empty(0);
                var sigmaII = sigma.index_select(0, i).index_select(1, i);
                if (parentIndex.Length == 0)
                {
                    b = mu.index_select(0, i);
                    c = sigmaII;
                }
                else
                {
                    var j = tensor(parentIndex, dtype: ScalarType.Int64);
                    var sigmaJJ = sigma.index_select(0, j).index_select(1, j);
                    var sigmaIJ = sigma.index_select(0, i).index_select(1, j);
                    a = linalg.solve(sigmaJJ, sigmaIJ.t()).t();              // Sigma_iJ Sigma_JJ^-1
                    b = mu.index_select(0, i) - a.matmul(mu.index_select(0, j));
                    c = sigmaII - a.matmul(sigmaIJ.t());
                }
                c = c.add(c.t(), Scalars.Of(1)).div(Scalars.Of(2.0));
                var (values, vectors) = linalg.eigh(c);
                var clamped = values.clamp_min(Scalars.Temporary(Math.Max(values.max().item<double>(), 1e-300) * 1e-12));
                var cholesky = linalg.cholesky(vectors.matmul(diag_embed(clamped)).matmul(vectors.t()));
                Write(m.Loc, m.Spec.Vector ? b : b.reshape(-1)[0]);
                var diagonal = cholesky.diagonal().log();
                Write(m.LogScale, m.Spec.Vector ? diagonal : diagonal[0]);
                if (m.OffDiagonal is not null) Write(m.OffDiagonal, cholesky.tril(-1));
                int column = 0;
                foreach (var (weight, parent) in m.Weights)
                {
                    var block = a.narrow(1, column, parent.Spec.Size);
                    column += parent.Spec.Size;
                    Write(weight, block.reshape(weight.shape));
                }
            }
        }

        /// <summary>mu and E[u u^T] of the guide as its parameters stand: u = A u + b + L eps, so mu = (I - A)^-1 b and
        /// Sigma = (I - A)^-1 L L^T (I - A)^-T.</summary>
        private (Tensor M1, Tensor M2) MomentsOfGuide()
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var a = zeros(_size, _size, dtype: ScalarType.Float64);
            var b = zeros(_size, dtype: ScalarType.Float64);
            var l = zeros(_size, _size, dtype: ScalarType.Float64);
            foreach (var m in _members)
            {
                int o = m.Offset, d = m.Spec.Size;
                b.narrow(0, o, d).copy_(Read(m.Loc).reshape(d));
                var scale = m.OffDiagonal is null
                    ? Read(m.LogScale).exp().reshape(1, 1)
                    : Read(m.OffDiagonal).tril(-1).add(diag_embed(Read(m.LogScale).exp()), Scalars.Of(1));
                l.narrow(0, o, d).narrow(1, o, d).copy_(scale.reshape(d, d));
                foreach (var (weight, parent) in m.Weights)
                    a.narrow(0, o, d).narrow(1, parent.Offset, parent.Spec.Size).copy_(Read(weight).reshape(d, parent.Spec.Size));
            }
            var inverse = linalg.inv(eye(_size, dtype: ScalarType.Float64) - a);
            var mu = inverse.matmul(b);
            var sigma = inverse.matmul(l).matmul(l.t()).matmul(inverse.t());
            return (mu.DetachFromDisposeScope(), sigma.add(mu.outer(mu), Scalars.Of(1)).DetachFromDisposeScope());
        }

        private static Tensor Read(Parameter p) => p.detach().to_type(ScalarType.Float64).to(CPU);

        private static void Write(Parameter p, Tensor value)
        {
            using var noGrad = no_grad();
            p.copy_(value.reshape(p.shape).to(p.dtype).to(p.device));
        }

        public void Dispose()
        {
            _m1.Dispose();
            _m2.Dispose();
        }
    }
}
