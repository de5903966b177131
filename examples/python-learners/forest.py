# scikit-learn's random forest through soakbench's Python bridge (learner type = python): a
# regressor for a numeric target, a classifier for a class target (train.attrs["kind"]). For a
# classification task predict() returns class probabilities, a DataFrame with one column per class
# named by it, so measures such as classif.auc can be scored; it could return labels instead.
import pandas
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor


def fit(train, params):
    target = train.attrs["target"]
    forest = RandomForestClassifier if train.attrs["kind"] == "classification" else RandomForestRegressor
    model = forest(n_estimators=params.get("n_estimators", 100), random_state=train.attrs["seed"] % 2**32, n_jobs=1)
    return model.fit(train.drop(columns=[target]), train[target])


def predict(model, test):
    if hasattr(model, "predict_proba"):
        return pandas.DataFrame(model.predict_proba(test), columns=model.classes_)
    return model.predict(test)
