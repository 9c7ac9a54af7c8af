namespace Alan.Generator.Parse
{
    /// <summary>Metadata names the generator recognises.</summary>
    internal static class KnownNames
    {
        public const string Plate = "Alan.PlateAttribute";
        public const string Problem = "Alan.ProblemAttribute";
        public const string Latent = "Alan.LatentAttribute";
        public const string Data = "Alan.DataAttribute";
        public const string Timeseries = "Alan.TimeseriesAttribute";
        public const string Input = "Alan.InputAttribute";
        public const string Param = "Alan.ParamAttribute";
        public const string QemParam = "Alan.QemParamAttribute";
        public const string Distribution = "Alan.DistributionAttribute";
        public const string QemFamily = "Alan.CompilerServices.QemFamilyAttribute";
        public const string DistributionBase = "Alan.Distribution";
        public const string Mixture = "global::Alan.Mixture";
        public const string Ordered = "global::Alan.Ordered";
        public const string Tensor = "TorchSharp.torch.Tensor";
    }
}
