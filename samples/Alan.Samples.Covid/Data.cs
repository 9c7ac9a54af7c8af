using System.IO;
using Alan.Samples.Common;
using static TorchSharp.torch;

namespace Alan.Samples.Covid
{
    /// <summary>The covid data: training days (109) and all days (137, the last 28 held out), per region (92).</summary>
    public sealed record CovidData(Tensor Obs, Tensor NPIs, Tensor Wearing, Tensor Mobility, Tensor ObsAll, Tensor NPIsAll, Tensor WearingAll, Tensor MobilityAll)
    {
        public int Regions => (int)Obs.shape[0];
        public int Days => (int)Obs.shape[1];
        public int AllDays => (int)ObsAll.shape[1];

        public static CovidData Load(string directory)
        {
            Tensor L(string name) => CsvTensor.Load(Path.Combine(directory, name + ".csv"), ScalarType.Float64);
            return new CovidData(L("obs"), L("ActiveCMs_NPIs"), L("ActiveCMs_wearing"), L("ActiveCMs_mobility"),
                L("obs_all"), L("ActiveCMs_NPIs_all"), L("ActiveCMs_wearing_all"), L("ActiveCMs_mobility_all"));
        }
    }
}
