using Learning.Kernel;

// The tenant filters of each generated model (see Tenancy.AddFilters), in the hook the generated code calls once it is built.
namespace Learning.Web.Data.CompiledModels.Sqlite
{
    public partial class SqliteLearningDbContextModel
    {
        partial void Customize() => Tenancy.AddFilters(this);
    }
}

namespace Learning.Web.Data.CompiledModels.Postgres
{
    public partial class PostgresLearningDbContextModel
    {
        partial void Customize() => Tenancy.AddFilters(this);
    }
}
