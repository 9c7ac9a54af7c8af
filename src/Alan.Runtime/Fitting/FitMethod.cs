namespace Alan
{
    /// <summary>The training method <c>Fit</c> uses (see <see cref="FitOptions.Method"/>).</summary>
    public enum FitMethod
    {
        /// <summary>QEM when Q's arguments are all <c>[QemParam]</c>s (gradients cannot train them); otherwise VI when
        /// every latent of Q can be sampled with reparameterisation; otherwise reweighted wake-sleep.</summary>
        Auto = 0,
        /// <summary>Variational inference: Adam ascends <c>ElboVi</c> (pathwise gradients) in P's and Q's parameters.</summary>
        Vi = 1,
        /// <summary>Reweighted wake-sleep: Adam ascends <c>ElboRws</c> in P's parameters and descends it in Q's.</summary>
        Rws = 2,
        /// <summary>QEM: Q's <c>[QemParam]</c>s follow moving averages of posterior moments; P's parameters, if any,
        /// ascend <c>ElboRws</c> with Adam.</summary>
        Qem = 3,
    }
}
