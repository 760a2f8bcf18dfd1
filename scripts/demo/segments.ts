/**
 * The professional segments planted in the demo survey. Each has a signature of answers chosen at a high
 * rate on top of the answers all professionals share (population.ts), and a profile (role, education,
 * experience, employer) that fits it. Signatures overlap on purpose (scikit-learn, SQL, GPUs, Power BI are
 * each in more than one), as real segments do; what keeps them apart is a core of 10-20 answers of their own.
 *
 * Ten segments, as many as the pipeline's default mixture has components (the notebook's k = 10): with
 * fewer planted groups the mixture must split some of them, which blurs the check against the plant
 * without saying anything about the method. Eight are tool communities; the ninth is the notebook's
 * "getting started" beginners and the tenth a MATLAB/C research group.
 *
 * Rates are per answer: the chance a member selects it (multi-select) or a relative weight (single choice).
 * Answer texts are the 2020 PDF's; generation fails on a text the questionnaire does not have.
 */
import { PROFESSIONAL_PROFILE, type AnswerRates } from './population.js';

export interface PlantedSegment {
  readonly name: string;
  /** Share of the planted professionals. */
  readonly share: number;
  readonly answers: AnswerRates;
  /**
   * Weights of the profile questions' answers. Each table is a whole distribution, replacing the
   * professional default (population.ts) of its question; spread a default in to change a few answers.
   */
  readonly profile: AnswerRates;
}

const { Q2: GENDER, Q4: EDUCATION, Q6: CODING_YEARS, Q15: ML_YEARS, Q20: COMPANY_SIZE, Q22: EMPLOYER_ML, Q25: CLOUD_SPEND } = PROFESSIONAL_PROFILE;
const JUPYTER = 'JupyterLab (or products based off of Jupyter)';
const VSCODE = 'Visual Studio Code (VSCode)';
const LAPTOP = 'A personal computer or laptop';
const WORKSTATION = 'A deep learning workstation (NVIDIA GTX, LambdaLabs, etc)';
const CLOUD_PLATFORM = 'A cloud computing platform (AWS, Azure, GCP, hosted notebooks, etc)';
const LOCAL_DEV = 'Local development environments (RStudio, JupyterLab, etc.)';
const CLOUD_SOFTWARE = 'Cloud-based data software & APIs (AWS, GCP, Azure, etc.)';
const ANALYZE = 'Analyze and understand data to influence product or business decisions';
const INFRA = 'Build and/or run the data infrastructure that my business uses for storing, analyzing, and operationalizing data';
const PROTOTYPES = 'Build prototypes to explore applying machine learning to new areas';
const ML_SERVICE = 'Build and/or run a machine learning service that operationally improves my product or workflows';
const EXPERIMENT = 'Experimentation and iteration to improve existing ML models';
const RESEARCH = 'Do research that advances the state of the art of machine learning';
const JOURNALS = 'Journal Publications (peer-reviewed journals, conference proceedings, etc)';

export const PLANTED_SEGMENTS: readonly PlantedSegment[] = [
  {
    name: 'Computer vision',
    share: 0.11,
    answers: {
      Q7: { Python: 0.95, 'C++': 0.3, C: 0.14, MATLAB: 0.12 },
      Q9: { [JUPYTER]: 0.62, [VSCODE]: 0.4, PyCharm: 0.45 },
      Q10: { 'Colab Notebooks': 0.55, 'Kaggle Notebooks': 0.35 },
      Q11: { [WORKSTATION]: 38, [LAPTOP]: 40, [CLOUD_PLATFORM]: 18 },
      Q12: { GPUs: 0.82, TPUs: 0.14 },
      Q13: { Never: 45, Once: 15, '2-5 times': 22, '6-25 times': 10, 'More than 25 times': 8 },
      Q16: { TensorFlow: 0.78, Keras: 0.74, PyTorch: 0.4, 'Scikit-learn': 0.45 },
      Q17: { 'Convolutional Neural Networks': 0.95, 'Dense Neural Networks (MLPs, etc)': 0.6, 'Generative Adversarial Networks': 0.3, 'Recurrent Neural Networks': 0.25 },
      Q18: {
        'General purpose image/video tools (PIL, cv2, skimage, etc)': 0.65,
        'Image segmentation methods (U-Net, Mask R-CNN, etc)': 0.45,
        'Object detection methods (YOLOv3, RetinaNet, etc)': 0.55,
        'Image classification and other general purpose networks (VGG, Inception, ResNet, ResNeXt, NASNet, EfficientNet, etc)': 0.78,
        'Generative Networks (GAN, VAE, etc)': 0.25,
      },
      Q23: { [PROTOTYPES]: 0.6, [RESEARCH]: 0.45, [EXPERIMENT]: 0.45, [ANALYZE]: 0.35 },
      Q33_A: { 'Automated data augmentation (e.g. imgaug, albumentations)': 0.38, 'Automated model architecture searches (e.g. darts, enas)': 0.2 },
      Q34_A: { 'Auto-Keras': 0.25 },
      Q35_A: { TensorBoard: 0.45 },
      Q36: { GitHub: 0.45 },
      Q39: { [JOURNALS]: 0.38, 'YouTube (Kaggle YouTube, Cloud AI Adventures, etc)': 0.42 },
      Q37: { Udacity: 0.25 },
    },
    profile: {
      Q5: { 'Data Scientist': 25, 'Machine Learning Engineer': 20, 'Research Scientist': 19, 'Software Engineer': 14, Other: 8, 'Data Analyst': 4, 'Data Engineer': 3, 'Product/Project Manager': 4, 'Business Analyst': 1, Statistician: 1, 'DBA/Database Engineer': 1 },
      Q4: { ...EDUCATION, 'Bachelor’s degree': 25, 'Master’s degree': 43, 'Doctoral degree': 25 },
      Q2: { ...GENDER, Man: 86, Woman: 11 },
      Q15: { ...ML_YEARS, 'I do not use machine learning methods': 1, 'Under 1 year': 20, '1-2 years': 29, '2-3 years': 20, '3-4 years': 12, '4-5 years': 7, '5-10 years': 8 },
    },
  },
  {
    name: 'NLP with PyTorch',
    share: 0.08,
    answers: {
      Q7: { Python: 0.97, Bash: 0.45, 'C++': 0.12 },
      Q9: { [JUPYTER]: 0.7, [VSCODE]: 0.5, 'Vim, Emacs, or similar': 0.32 },
      Q11: { [WORKSTATION]: 25, [CLOUD_PLATFORM]: 35, [LAPTOP]: 35 },
      Q12: { GPUs: 0.8, TPUs: 0.18 },
      Q16: { PyTorch: 0.86, TensorFlow: 0.35, 'Scikit-learn': 0.6, 'Fast.ai': 0.12, JAX: 0.06 },
      Q17: { 'Transformer Networks (BERT, gpt-3, etc)': 0.82, 'Recurrent Neural Networks': 0.6, 'Dense Neural Networks (MLPs, etc)': 0.45, 'Convolutional Neural Networks': 0.3 },
      Q19: {
        'Word embeddings/vectors (GLoVe, fastText, word2vec)': 0.72,
        'Encoder-decoder models (seq2seq, vanilla transformers)': 0.5,
        'Contextualized embeddings (ELMo, CoVe)': 0.35,
        'Transformer language models (GPT-3, BERT, XLnet, etc)': 0.8,
      },
      Q23: { [RESEARCH]: 0.5, [PROTOTYPES]: 0.55, [EXPERIMENT]: 0.55 },
      Q35_A: { 'Weights & Biases': 0.3, TensorBoard: 0.35 },
      Q36: { GitHub: 0.65, 'Personal blog': 0.15 },
      Q37: { 'Fast.ai': 0.2 },
      Q39: { 'Twitter (data science influencers)': 0.48, 'Reddit (r/machinelearning, etc)': 0.38, [JOURNALS]: 0.55, 'Podcasts (Chai Time Data Science, O’Reilly Data Show, etc)': 0.22, 'Slack Communities (ods.ai, kagglenoobs, etc)': 0.16 },
      Q10: { 'Colab Notebooks': 0.5 },
    },
    profile: {
      Q5: { 'Data Scientist': 28, 'Machine Learning Engineer': 22, 'Research Scientist': 22, 'Software Engineer': 12, Other: 6, 'Data Analyst': 3, 'Data Engineer': 3, 'Product/Project Manager': 3, Statistician: 1 },
      Q4: { ...EDUCATION, 'Bachelor’s degree': 22, 'Master’s degree': 41, 'Doctoral degree': 30 },
      Q15: { ...ML_YEARS, 'I do not use machine learning methods': 1, 'Under 1 year': 12, '1-2 years': 24, '2-3 years': 22, '3-4 years': 14, '4-5 years': 10, '5-10 years': 12, '10-20 years': 4 },
    },
  },
  {
    name: 'R users',
    share: 0.1,
    answers: {
      Q7: { R: 0.93, Python: 0.55, SQL: 0.55 },
      Q8: { R: 42, Python: 48, SQL: 10 },
      Q9: { RStudio: 0.9, [JUPYTER]: 0.28 },
      Q14: { 'Ggplot / ggplot2': 0.88, Shiny: 0.45, 'Leaflet / Folium': 0.14, Matplotlib: 0.28, Seaborn: 0.15, 'Plotly / Plotly Express': 0.3 },
      Q16: { Caret: 0.45, Tidymodels: 0.3, 'Scikit-learn': 0.28 },
      Q17: { 'Linear or Logistic Regression': 0.88, 'Decision Trees or Random Forests': 0.65, 'Bayesian Approaches': 0.35 },
      Q23: { [ANALYZE]: 0.8 },
      Q36: { Shiny: 0.32, GitHub: 0.35 },
      Q37: { DataCamp: 0.45 },
      Q38: { [LOCAL_DEV]: 55, 'Advanced statistical software (SPSS, SAS, etc.)': 18, 'Basic statistical software (Microsoft Excel, Google Sheets, etc.)': 15 },
      Q39: { 'Twitter (data science influencers)': 0.32, [JOURNALS]: 0.3, "Email newsletters (Data Elixir, O'Reilly Data & AI, etc)": 0.28 },
      Q29_A: { 'Microsoft SQL Server': 0.22 },
    },
    profile: {
      Q5: { 'Data Scientist': 25, 'Data Analyst': 22, Statistician: 14, 'Research Scientist': 12, 'Business Analyst': 8, Other: 10, 'Product/Project Manager': 4, 'Data Engineer': 2, 'Software Engineer': 2, 'Machine Learning Engineer': 1 },
      Q4: { ...EDUCATION, 'Bachelor’s degree': 18, 'Master’s degree': 49, 'Doctoral degree': 25 },
      Q2: { ...GENDER, Man: 75, Woman: 22 },
      Q6: { ...CODING_YEARS, '< 1 years': 8, '1-2 years': 20, '3-5 years': 27, '5-10 years': 22, '10-20 years': 14, '20+ years': 8 },
    },
  },
  {
    name: 'Business intelligence',
    share: 0.12,
    answers: {
      Q7: { SQL: 0.86, Python: 0.58 },
      Q8: { SQL: 30, Python: 60, R: 8 },
      Q9: { [JUPYTER]: 0.3, 'Notepad++': 0.22 },
      Q12: { None: 0.6 },
      Q14: { Matplotlib: 0.3, Seaborn: 0.18 },
      Q16: { 'Scikit-learn': 0.12, None: 0.45 },
      Q17: { 'Linear or Logistic Regression': 0.3, 'Decision Trees or Random Forests': 0.15 },
      Q23: { [ANALYZE]: 0.92, [INFRA]: 0.3 },
      Q29_A: { MySQL: 0.52, 'Microsoft SQL Server': 0.55, 'Oracle Database': 0.35, 'Microsoft Access': 0.25, PostgreSQL: 0.2 },
      Q31_A: { Tableau: 0.66, 'Microsoft Power BI': 0.72, 'Google Data Studio': 0.2, Qlik: 0.16, Alteryx: 0.1 },
      Q37: { Udemy: 0.42, 'LinkedIn Learning': 0.38 },
      Q38: { 'Basic statistical software (Microsoft Excel, Google Sheets, etc.)': 45, 'Business intelligence software (Salesforce, Tableau, Spotfire, etc.)': 38, [LOCAL_DEV]: 10 },
    },
    profile: {
      Q5: { 'Data Analyst': 35, 'Business Analyst': 22, 'Data Scientist': 10, 'Product/Project Manager': 8, 'Data Engineer': 6, 'DBA/Database Engineer': 5, Other: 9, 'Software Engineer': 4, Statistician: 1 },
      Q4: { ...EDUCATION, 'Some college/university study without earning a bachelor’s degree': 6, 'Bachelor’s degree': 45, 'Master’s degree': 40, 'Doctoral degree': 3 },
      Q6: { 'I have never written code': 4, '< 1 years': 22, '1-2 years': 25, '3-5 years': 22, '5-10 years': 13, '10-20 years': 8, '20+ years': 4 },
      Q15: { 'I do not use machine learning methods': 40, 'Under 1 year': 34, '1-2 years': 14, '2-3 years': 6, '3-4 years': 3, '4-5 years': 1, '5-10 years': 1.5, '10-20 years': 0.5 },
      Q22: { ...EMPLOYER_ML, 'No (we do not use ML methods)': 36, 'I do not know': 12, 'We have well established ML methods (i.e., models in production for more than 2 years)': 8 },
    },
  },
  {
    name: 'AWS and ML in production',
    share: 0.1,
    answers: {
      Q7: { Python: 0.93, SQL: 0.6, Bash: 0.4 },
      Q9: { PyCharm: 0.35, [VSCODE]: 0.45 },
      Q10: { 'Amazon Sagemaker Studio': 0.3, 'Amazon EMR Notebooks': 0.15, 'Databricks Collaborative Notebooks': 0.2 },
      Q11: { [CLOUD_PLATFORM]: 55, [LAPTOP]: 40 },
      Q16: { 'Scikit-learn': 0.8, Xgboost: 0.55, TensorFlow: 0.35, PyTorch: 0.25, LightGBM: 0.3 },
      Q17: { 'Linear or Logistic Regression': 0.75, 'Decision Trees or Random Forests': 0.75, 'Gradient Boosting Machines (xgboost, lightgbm, etc)': 0.55 },
      Q23: { [ML_SERVICE]: 0.66, [EXPERIMENT]: 0.6, [INFRA]: 0.5, [ANALYZE]: 0.6 },
      Q26_A: { 'Amazon Web Services (AWS)': 0.96 },
      Q27_A: { 'Amazon EC2': 0.78, 'AWS Lambda': 0.5, 'Amazon Elastic Container Service': 0.35 },
      Q28_A: { 'Amazon SageMaker': 0.56, 'Amazon Forecast': 0.1, 'Amazon Rekognition': 0.12 },
      Q29_A: { PostgreSQL: 0.5, 'Amazon Redshift': 0.42, 'Amazon Athena': 0.3, 'Amazon DynamoDB': 0.22, MySQL: 0.35, Snowflake: 0.15 },
      Q31_A: { 'Amazon QuickSight': 0.18, Tableau: 0.2 },
      Q33_A: { 'Automated hyperparameter tuning (e.g. hyperopt, ray.tune, Vizier)': 0.3 },
      Q38: { [CLOUD_SOFTWARE]: 45, [LOCAL_DEV]: 45 },
      Q37: { 'Cloud-certification programs (direct from AWS, Azure, GCP, or similar)': 0.3 },
      Q12: { GPUs: 0.35 },
      Q35_A: { TensorBoard: 0.22 },
    },
    profile: {
      Q5: { 'Data Scientist': 30, 'Machine Learning Engineer': 20, 'Data Engineer': 18, 'Software Engineer': 14, 'Product/Project Manager': 6, 'Data Analyst': 5, Other: 4, 'Research Scientist': 3 },
      Q6: { ...CODING_YEARS, '< 1 years': 3, '1-2 years': 10, '3-5 years': 25, '5-10 years': 30, '10-20 years': 20, '20+ years': 12 },
      Q15: { ...ML_YEARS, 'I do not use machine learning methods': 1, 'Under 1 year': 12, '1-2 years': 22, '2-3 years': 20, '3-4 years': 15, '4-5 years': 10, '5-10 years': 15, '10-20 years': 4 },
      Q22: { ...EMPLOYER_ML, 'We have well established ML methods (i.e., models in production for more than 2 years)': 45, 'We recently started using ML methods (i.e., models in production for less than 2 years)': 27, 'No (we do not use ML methods)': 3 },
      Q25: { ...CLOUD_SPEND, '$10,000-$99,999': 30, '$100,000 or more ($USD)': 22 },
    },
  },
  {
    name: 'Google Cloud',
    share: 0.09,
    answers: {
      Q7: { Python: 0.9, SQL: 0.55, Javascript: 0.16 },
      Q10: { 'Colab Notebooks': 0.62, 'Google Cloud AI Platform Notebooks': 0.3, 'Google Cloud Datalab Notebooks': 0.15, 'Kaggle Notebooks': 0.4 },
      Q11: { [CLOUD_PLATFORM]: 50, [LAPTOP]: 45 },
      Q12: { GPUs: 0.4, TPUs: 0.3 },
      Q13: { Never: 35, Once: 15, '2-5 times': 25, '6-25 times': 15, 'More than 25 times': 10 },
      Q16: { TensorFlow: 0.6, Keras: 0.45, 'Scikit-learn': 0.65 },
      Q26_A: { 'Google Cloud Platform (GCP)': 0.96, 'Amazon Web Services (AWS)': 0.15 },
      Q27_A: { 'Google Cloud Compute Engine': 0.6, 'Google Cloud Functions': 0.35, 'Google Cloud App Engine': 0.28, 'Google Cloud Run': 0.22 },
      Q28_A: { 'Google Cloud AI Platform / Google Cloud ML Engine': 0.5, 'Google Cloud Natural Language': 0.25, 'Google Cloud Vision AI': 0.25, 'Google Cloud Video AI': 0.1 },
      Q29_A: { 'Google Cloud BigQuery': 0.68, 'Google Cloud SQL': 0.38, 'Google Cloud Firestore': 0.22, MySQL: 0.3 },
      Q31_A: { 'Google Data Studio': 0.45, Looker: 0.18 },
      Q33_A: { 'Automation of full ML pipelines (e.g. Google AutoML, H20 Driverless AI)': 0.22 },
      Q34_A: { 'Google Cloud AutoML': 0.35 },
      Q38: { [CLOUD_SOFTWARE]: 45, [LOCAL_DEV]: 45 },
      Q36: { Colab: 0.3 },
      Q37: { 'Cloud-certification programs (direct from AWS, Azure, GCP, or similar)': 0.25 },
    },
    profile: {
      Q5: { 'Data Scientist': 28, 'Data Engineer': 16, 'Machine Learning Engineer': 16, 'Software Engineer': 14, 'Data Analyst': 10, 'Product/Project Manager': 6, Other: 6, 'Research Scientist': 4 },
      Q20: { ...COMPANY_SIZE, '0-49 employees': 34, '50-249 employees': 20 },
      Q25: { ...CLOUD_SPEND, '$1000-$9,999': 30, '$10,000-$99,999': 22 },
    },
  },
  {
    name: 'Azure and SQL Server',
    share: 0.1,
    answers: {
      Q7: { Python: 0.86, SQL: 0.85, R: 0.35, Javascript: 0.12 },
      Q9: { 'Visual Studio': 0.45, [VSCODE]: 0.55, [JUPYTER]: 0.45, RStudio: 0.25 },
      Q10: { 'Azure Notebooks': 0.35, 'Databricks Collaborative Notebooks': 0.3 },
      Q11: { [CLOUD_PLATFORM]: 40, [LAPTOP]: 55 },
      Q16: { 'Scikit-learn': 0.6 },
      Q23: { [ANALYZE]: 0.7, [INFRA]: 0.45 },
      Q26_A: { 'Microsoft Azure': 0.96, 'Amazon Web Services (AWS)': 0.12 },
      Q27_A: { 'Azure Cloud Services': 0.55, 'Azure Functions': 0.4, 'Microsoft Azure Container Instances': 0.25 },
      Q28_A: { 'Azure Machine Learning Studio': 0.5, 'Azure Cognitive Services': 0.35 },
      Q29_A: { 'Microsoft SQL Server': 0.78, 'Microsoft Azure Data Lake Storage': 0.38, MySQL: 0.25, 'Oracle Database': 0.15 },
      Q31_A: { 'Microsoft Power BI': 0.72, Tableau: 0.15 },
      Q37: { 'Cloud-certification programs (direct from AWS, Azure, GCP, or similar)': 0.25, 'LinkedIn Learning': 0.2 },
      Q38: { [CLOUD_SOFTWARE]: 30, 'Business intelligence software (Salesforce, Tableau, Spotfire, etc.)': 15, [LOCAL_DEV]: 40 },
      Q14: { 'Plotly / Plotly Express': 0.28 },
    },
    profile: {
      Q5: { 'Data Scientist': 24, 'Data Analyst': 14, 'Data Engineer': 16, 'Software Engineer': 14, 'Business Analyst': 8, 'Product/Project Manager': 8, 'DBA/Database Engineer': 6, Other: 6, 'Machine Learning Engineer': 4 },
      Q20: { ...COMPANY_SIZE, '1000-9,999 employees': 26, '10,000 or more employees': 25 },
      Q15: { ...ML_YEARS, 'I do not use machine learning methods': 8, 'Under 1 year': 28, '1-2 years': 26, '2-3 years': 15, '3-4 years': 9, '4-5 years': 5, '5-10 years': 6 },
    },
  },
  {
    name: 'Getting started with data',
    share: 0.1,
    answers: {
      Q7: { Python: 0.85, SQL: 0.32 },
      Q9: { [JUPYTER]: 0.5, Spyder: 0.35, 'Notepad++': 0.25 },
      Q10: { 'Colab Notebooks': 0.32, 'Kaggle Notebooks': 0.3 },
      Q12: { None: 0.8 },
      Q13: { Never: 88 },
      Q16: { 'Scikit-learn': 0.45 },
      Q17: { 'Linear or Logistic Regression': 0.55, 'Decision Trees or Random Forests': 0.35 },
      Q23: { [ANALYZE]: 0.5, 'None of these activities are an important part of my role at work': 0.22 },
      Q26_A: { None: 0.8 },
      Q33_A: { 'No / None': 0.72 },
      Q35_A: { 'No / None': 0.75 },
      Q36: { 'None / I do not share my work publicly': 0.6 },
      Q37: { Coursera: 0.7, Udemy: 0.55, 'Kaggle Learn Courses': 0.5, edX: 0.3 },
      Q38: { 'Basic statistical software (Microsoft Excel, Google Sheets, etc.)': 40, [LOCAL_DEV]: 42 },
      Q39: { 'YouTube (Kaggle YouTube, Cloud AI Adventures, etc)': 0.7, 'Kaggle (notebooks, forums, etc)': 0.45, 'Blogs (Towards Data Science, Analytics Vidhya, etc)': 0.42, 'Course Forums (forums.fast.ai, Coursera forums, etc)': 0.3 },
    },
    profile: {
      Q5: { 'Data Analyst': 25, 'Data Scientist': 20, Other: 15, 'Software Engineer': 12, 'Business Analyst': 10, 'Product/Project Manager': 6, 'Research Scientist': 5, 'Data Engineer': 4, Statistician: 3 },
      Q6: { ...CODING_YEARS, 'I have never written code': 2, '< 1 years': 20, '1-2 years': 32, '3-5 years': 24, '5-10 years': 12, '10-20 years': 7, '20+ years': 3 },
      Q15: { 'I do not use machine learning methods': 25, 'Under 1 year': 55, '1-2 years': 15, '2-3 years': 4, '3-4 years': 1 },
      Q20: { ...COMPANY_SIZE, '0-49 employees': 40 },
      Q22: { ...EMPLOYER_ML, 'I do not know': 14, 'We are exploring ML methods (and may one day put a model into production)': 32, 'We have well established ML methods (i.e., models in production for more than 2 years)': 10 },
      Q25: { ...CLOUD_SPEND, '$1-$99': 45, '$10,000-$99,999': 6, '$100,000 or more ($USD)': 3 },
    },
  },
  {
    name: 'ML on tabular data',
    share: 0.12,
    answers: {
      Q7: { Python: 0.96, SQL: 0.78 },
      Q9: { [JUPYTER]: 0.82, PyCharm: 0.3 },
      Q10: { 'Kaggle Notebooks': 0.62, 'Colab Notebooks': 0.45 },
      Q14: { Matplotlib: 0.88, Seaborn: 0.8, 'Plotly / Plotly Express': 0.4 },
      Q16: { 'Scikit-learn': 0.9, Xgboost: 0.76, LightGBM: 0.6, CatBoost: 0.4, Prophet: 0.18 },
      Q17: { 'Linear or Logistic Regression': 0.88, 'Decision Trees or Random Forests': 0.9, 'Gradient Boosting Machines (xgboost, lightgbm, etc)': 0.76, 'Bayesian Approaches': 0.2 },
      Q23: { [ANALYZE]: 0.78, [EXPERIMENT]: 0.5, [PROTOTYPES]: 0.45 },
      Q29_A: { PostgreSQL: 0.35, MySQL: 0.35 },
      Q33_A: { 'Automated hyperparameter tuning (e.g. hyperopt, ray.tune, Vizier)': 0.36, 'Automated feature engineering/selection (e.g. tpot, boruta_py)': 0.3, 'Automated model selection (e.g. auto-sklearn, xcessiv)': 0.2 },
      Q34_A: { 'Auto-Sklearn': 0.18, Tpot: 0.14 },
      Q36: { Kaggle: 0.42, GitHub: 0.4 },
      Q37: { 'Kaggle Learn Courses': 0.5 },
      Q38: { [LOCAL_DEV]: 80 },
      Q39: { 'Kaggle (notebooks, forums, etc)': 0.68, 'Blogs (Towards Data Science, Analytics Vidhya, etc)': 0.56 },
    },
    profile: {
      Q5: { 'Data Scientist': 45, 'Data Analyst': 16, 'Machine Learning Engineer': 10, 'Business Analyst': 6, Other: 6, 'Software Engineer': 5, 'Research Scientist': 4, Statistician: 3, 'Data Engineer': 3, 'Product/Project Manager': 2 },
      Q15: { ...ML_YEARS, 'I do not use machine learning methods': 1, 'Under 1 year': 22, '1-2 years': 30, '2-3 years': 20, '3-4 years': 11, '4-5 years': 6, '5-10 years': 7, '10-20 years': 2 },
    },
  },
  {
    name: 'Research with MATLAB and C',
    share: 0.08,
    answers: {
      Q7: { MATLAB: 0.88, C: 0.55, 'C++': 0.5, Python: 0.8, Julia: 0.08 },
      Q8: { Python: 70, MATLAB: 12, 'C++': 6, C: 5, Julia: 3 },
      Q9: { MATLAB: 0.8, Spyder: 0.38, [JUPYTER]: 0.45, 'Vim, Emacs, or similar': 0.22 },
      Q11: { [LAPTOP]: 60, [WORKSTATION]: 28 },
      Q14: { Matplotlib: 0.7 },
      Q16: { 'Scikit-learn': 0.45, Keras: 0.3, TensorFlow: 0.3 },
      Q17: { 'Dense Neural Networks (MLPs, etc)': 0.5, 'Evolutionary Approaches': 0.45, 'Bayesian Approaches': 0.42, 'Linear or Logistic Regression': 0.55 },
      Q23: { [RESEARCH]: 0.68, [PROTOTYPES]: 0.4 },
      Q36: { 'Personal blog': 0.12, GitHub: 0.35 },
      Q37: { 'University Courses (resulting in a university degree)': 0.62, Coursera: 0.45 },
      Q38: { [LOCAL_DEV]: 60, 'Advanced statistical software (SPSS, SAS, etc.)': 12, Other: 14 },
      Q39: { [JOURNALS]: 0.75 },
    },
    profile: {
      Q5: { 'Research Scientist': 38, Other: 18, 'Data Scientist': 12, 'Software Engineer': 10, 'Machine Learning Engineer': 8, Statistician: 5, 'Data Analyst': 5, 'Product/Project Manager': 4 },
      Q4: { ...EDUCATION, 'Bachelor’s degree': 12, 'Master’s degree': 38, 'Doctoral degree': 45 },
      Q6: { ...CODING_YEARS, '< 1 years': 2, '1-2 years': 8, '3-5 years': 20, '5-10 years': 30, '10-20 years': 26, '20+ years': 14 },
      Q20: { ...COMPANY_SIZE, '250-999 employees': 20, '1000-9,999 employees': 26 },
      Q22: { ...EMPLOYER_ML, 'No (we do not use ML methods)': 16, 'We are exploring ML methods (and may one day put a model into production)': 30, 'We have well established ML methods (i.e., models in production for more than 2 years)': 12 },
      Q25: { ...CLOUD_SPEND, '$1-$99': 40, '$100,000 or more ($USD)': 4 },
    },
  },
];
