namespace Alan
{
    /// <summary>How a <see cref="ParamAttribute"/> or <see cref="QemParamAttribute"/> tensor starts.</summary>
    public enum ParamInit
    {
        /// <summary>
        /// Every element starts at the attribute's value (0 when none is given). On an argument that feeds
        /// MultivariateNormal's <c>covarianceMatrix</c> or <c>scaleTril</c> with no value given, the parameter starts
        /// at the identity instead (see <see cref="Identity"/>).
        /// </summary>
        Constant = 0,

        /// <summary>
        /// Identity matrices over the last two dimensions of the event shape (which must be square), scaled by the
        /// attribute's value when one is given: a positive-definite start for a covariance or a scale-tril argument.
        /// </summary>
        Identity = 1,
    }
}
